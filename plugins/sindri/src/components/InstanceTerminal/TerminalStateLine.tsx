import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { TerminalState } from './TerminalConnection';

const END_REASONS: Record<string, string> = {
  exited: 'the shell exited',
  idle: 'closed after staying idle with no one attached',
  closed: 'closed',
  error: 'the shell could not start',
};

export function describeTerminalState(state: TerminalState): string {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting to the instance…';
    case 'live':
      return state.created
        ? 'A new shell.'
        : 'Re-attached: recent output was replayed.';
    case 'reconnecting':
      return `${state.reason} Retrying in ${Math.ceil(
        state.retryInMs / 1000,
      )} s (attempt ${
        state.attempt
      }); what you type meanwhile is sent once it is live.`;
    case 'ended': {
      const reason = END_REASONS[state.reason] ?? state.reason;
      const code =
        state.exitCode === undefined || state.exitCode === null
          ? ''
          : ` with exit code ${state.exitCode}`;
      return `Session ended: ${reason}${code}.${
        state.message ? ` ${state.message}` : ''
      }`;
    }
    default:
      return '';
  }
}

const CHIP_COLOR: Record<
  TerminalState['kind'],
  'default' | 'primary' | 'secondary'
> = {
  connecting: 'default',
  live: 'primary',
  reconnecting: 'secondary',
  ended: 'default',
};

/** The state of a terminal session as a chip ("live", "reconnecting", ...) and a sentence. */
export const TerminalStateLine = ({
  state,
  children,
}: {
  state: TerminalState;
  children?: ReactNode;
}) => (
  <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
    <Chip
      size="small"
      label={state.kind}
      color={CHIP_COLOR[state.kind]}
      data-testid="sindri-terminal-state"
    />
    <Typography variant="body2" color="textSecondary">
      {describeTerminalState(state)}
    </Typography>
    {children}
  </Box>
);
