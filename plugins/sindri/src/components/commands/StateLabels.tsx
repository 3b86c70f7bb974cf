import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { CommandResultState, CommandRun } from '@internal/plugin-sindri-common';

/** The state of one instance in a run, with Backstage's status colours. */
export const ResultStateLabel = ({ state }: { state: CommandResultState }) => {
  switch (state) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'failed':
    case 'timeout':
    case 'unreachable':
      return <StatusError>{state}</StatusError>;
    case 'denied':
      return <StatusWarning>denied</StatusWarning>;
    case 'cancelled':
      return <StatusAborted>cancelled</StatusAborted>;
    case 'running':
      return <StatusRunning>running</StatusRunning>;
    default:
      return <StatusPending>{state}</StatusPending>;
  }
};

/** The state of a whole run: "done" is green only when every instance succeeded. */
export const RunStateLabel = ({
  run,
}: {
  run: Pick<CommandRun, 'state' | 'counts'>;
}) => {
  if (run.state === 'running') return <StatusRunning>running</StatusRunning>;
  if (run.state === 'cancelled')
    return <StatusAborted>cancelled</StatusAborted>;
  const total = Object.values(run.counts).reduce((sum, n) => sum + (n ?? 0), 0);
  return total > 0 && run.counts.succeeded === total ? (
    <StatusOK>done</StatusOK>
  ) : (
    <StatusWarning>done</StatusWarning>
  );
};
