import { LIVE_LIMITS } from '@internal/plugin-sindri-common';
import { RelayedSession, TerminalViewer, ViewerState } from './relayTypes';

/**
 * How far a viewer is behind: what it has not acknowledged, or what still
 * waits in the backend for its socket, whichever is more (acks alone could lie).
 */
export const lagOf = (viewer: TerminalViewer, state: ViewerState) =>
  Math.max(state.sent - state.acked, viewer.buffered?.() ?? 0);

/** Pauses the PTY while any viewer has too much unacknowledged output; resumes when all caught up. */
export function applyFlowControl(session: RelayedSession) {
  let lag = 0;
  for (const [viewer, state] of session.viewers)
    lag = Math.max(lag, lagOf(viewer, state));
  if (!session.paused && lag > LIVE_LIMITS.highWaterBytes) {
    session.paused = true;
    session.link.send({ type: 'pty-pause', session: session.sessionId });
    // a socket drains without any message arriving: look again until it has
    session.drainTimer = setInterval(() => applyFlowControl(session), 50);
    session.drainTimer.unref?.();
  } else if (session.paused && lag < LIVE_LIMITS.lowWaterBytes) {
    session.paused = false;
    stopDrainWatch(session);
    session.link.send({ type: 'pty-resume', session: session.sessionId });
  }
}

export function stopDrainWatch(session: RelayedSession) {
  clearInterval(session.drainTimer);
  session.drainTimer = undefined;
}
