import { TERMINAL_CLOSE_CODES } from '@internal/plugin-sindri-common';
import { SessionRefused, TerminalViewer } from './relayTypes';

/** Tells a viewer why it gets no session and closes it; any error but a refusal is logged, not shown (it may be the database's). */
export function refuseViewer(
  viewer: TerminalViewer,
  error: unknown,
  log: () => void,
) {
  if (error instanceof SessionRefused) {
    viewer.send({ type: 'error', message: error.message });
    viewer.close(error.closeCode, error.message.slice(0, 120));
    return;
  }
  log();
  viewer.send({
    type: 'error',
    message: 'the portal could not open the terminal now; try again',
  });
  viewer.close(TERMINAL_CLOSE_CODES.internalError, 'internal error');
}
