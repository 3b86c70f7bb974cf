import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { formatAgo } from '../common/format';
import { CommandResultsTable } from './CommandResultsTable';
import {
  describeCommand,
  describeCounts,
  describeTarget,
} from './commandSummaries';
import { RunStateLabel } from './StateLabels';
import { CommandRunView } from './useCommandRun';

export interface RunPanelProps {
  view: CommandRunView;
  onCancel(): void;
  onResume(): void;
  /** open every instance's output (a single-instance run) */
  expanded?: boolean;
}

/** The run just started: its state, results per instance and live output; Cancel while it runs. */
export const RunPanel = ({
  view,
  onCancel,
  onResume,
  expanded,
}: RunPanelProps) => {
  if (view.starting) {
    return (
      <InfoCard title="Starting the run">
        <Progress />
      </InfoCard>
    );
  }
  if (view.startError)
    return (
      <WarningPanel
        severity="error"
        title="The command was not started"
        message={view.startError.message}
      />
    );
  if (!view.state) return null;

  const { run, output } = view.state;
  return (
    <InfoCard
      title={`Run of ${describeCommand(run.command)}`}
      subheader={`on ${describeTarget(run.target)}, started ${formatAgo(
        run.createdAt,
      )} by ${run.createdBy}; timeout ${run.timeoutSeconds} s, ${
        run.concurrency
      } at a time`}
      action={
        run.state === 'running' ? (
          <Button variant="outlined" color="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : undefined
      }
    >
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <RunStateLabel run={run} />
        <Typography variant="body2">{describeCounts(run.counts)}</Typography>
        {view.following && (
          <Typography variant="body2" color="textSecondary">
            following live
          </Typography>
        )}
      </Box>
      {view.streamError && (
        <WarningPanel
          title="Live output stopped"
          message={`${view.streamError.message} Shown: the run as last fetched.`}
        >
          <Button size="small" variant="outlined" onClick={onResume}>
            Follow again
          </Button>
        </WarningPanel>
      )}
      {view.cancelError && (
        <WarningPanel
          severity="error"
          title="The run was not cancelled"
          message={view.cancelError.message}
        />
      )}
      <CommandResultsTable
        results={run.results ?? []}
        output={output}
        expanded={expanded}
      />
    </InfoCard>
  );
};
