import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { sindriInstanceCommandPermission } from '@internal/plugin-sindri-common';
import Grid from '@material-ui/core/Grid';
import { useInstancePermission } from '../common/useInstancePermission';
import { CommandForm } from '../commands/CommandForm';
import { CommandHistory } from '../commands/CommandHistory';
import { RunPanel } from '../commands/RunPanel';
import { useCommandRun } from '../commands/useCommandRun';

export const COMMAND_DENIED = `You are not permitted to run commands on this instance: the permission policy does not grant you ${sindriInstanceCommandPermission.name}.`;

/** The "Commands" tab of an instance: run a command or script, follow it live, and the instance's history. */
export const InstanceCommandsContent = () => {
  const { entity } = useEntity();
  const instance = entity.metadata.name;
  const permission = useInstancePermission(sindriInstanceCommandPermission);
  const { view, start, cancel, resume } = useCommandRun();
  const running = view.starting || view.state?.run.state === 'running';

  let blockedBy: string | undefined;
  if (permission.loading)
    blockedBy = 'Checking whether you may run commands here…';
  else if (permission.error)
    blockedBy = `Could not check whether you may run commands here: ${permission.error.message}`;
  else if (!permission.allowed) blockedBy = COMMAND_DENIED;
  else if (running) blockedBy = 'A run is in progress.';

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Run a command" subheader={`on ${instance}`}>
          {permission.loading && <Progress />}
          {!permission.loading && !permission.allowed && (
            <WarningPanel
              severity={permission.error ? 'error' : 'info'}
              title="Commands are not available to you here"
              message={blockedBy}
            />
          )}
          <CommandForm
            disabled={!permission.allowed}
            blockedBy={blockedBy}
            onRun={(command, timeoutSeconds) =>
              start({
                target: { instances: [instance] },
                command,
                timeoutSeconds,
                concurrency: 1,
              })
            }
          />
        </InfoCard>
      </Grid>
      {(view.starting || view.startError || view.state) && (
        <Grid item xs={12}>
          <RunPanel view={view} onCancel={cancel} onResume={resume} expanded />
        </Grid>
      )}
      <Grid item xs={12}>
        <CommandHistory
          instance={instance}
          refreshKey={`${view.state?.run.id}-${view.state?.run.state}`}
        />
      </Grid>
    </Grid>
  );
};
