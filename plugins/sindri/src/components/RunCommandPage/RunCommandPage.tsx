import { useId, useState } from 'react';
import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import { LIVE_LIMITS } from '@internal/plugin-sindri-common';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { CommandForm } from '../commands/CommandForm';
import { CommandHistory } from '../commands/CommandHistory';
import { RunPanel } from '../commands/RunPanel';
import { useCommandRun } from '../commands/useCommandRun';
import { checkTarget, emptyTarget, TargetDraft } from './targetDraft';
import { TargetPicker } from './TargetPicker';
import { TargetPreview, useTargetPreview } from './TargetPreview';

function checkConcurrency(text: string): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= LIVE_LIMITS.maxCommandConcurrency
    ? n
    : undefined;
}

/** Run one command on many instances: choose them, preview, run, follow the results per instance. */
export const RunCommandPage = () => {
  const [targetDraft, setTargetDraft] = useState<TargetDraft>(emptyTarget);
  const [concurrencyText, setConcurrencyText] = useState(
    String(LIVE_LIMITS.defaultCommandConcurrency),
  );
  const { view, start, cancel, resume } = useCommandRun();
  const id = useId();
  const checkedTarget = checkTarget(targetDraft);
  const preview = useTargetPreview(checkedTarget.target);
  const concurrency = checkConcurrency(concurrencyText);

  let blockedBy: string | undefined;
  if (checkedTarget.error !== undefined) blockedBy = checkedTarget.error;
  else if (preview.items && !preview.items.some(i => i.permitted)) {
    blockedBy = preview.items.length
      ? 'You may run commands on none of the selected instances.'
      : 'No instance selected.';
  } else if (concurrency === undefined)
    blockedBy = `Concurrency is a whole number from 1 to ${LIVE_LIMITS.maxCommandConcurrency}.`;
  else if (view.starting || view.state?.run.state === 'running')
    blockedBy = 'A run is in progress.';

  return (
    <Page themeId="tool">
      <Header
        title="Run a command"
        subtitle="On many Sindri instances at once, chosen by catalog filter or by name"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <InfoCard title="Instances">
              <TargetPicker value={targetDraft} onChange={setTargetDraft} />
              {checkedTarget.target && <TargetPreview preview={preview} />}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Command">
              <CommandForm
                blockedBy={blockedBy}
                onRun={(command, timeoutSeconds) =>
                  checkedTarget.target &&
                  concurrency &&
                  start({
                    target: checkedTarget.target,
                    command,
                    timeoutSeconds,
                    concurrency,
                  })
                }
              >
                <TextField
                  id={`${id}-concurrency`}
                  label="Concurrency"
                  type="number"
                  value={concurrencyText}
                  onChange={e => setConcurrencyText(e.target.value)}
                  margin="dense"
                  variant="outlined"
                  inputProps={{
                    min: 1,
                    max: LIVE_LIMITS.maxCommandConcurrency,
                  }}
                  error={concurrency === undefined}
                  helperText="instances running it at once"
                />
              </CommandForm>
            </InfoCard>
          </Grid>
          {(view.starting || view.startError || view.state) && (
            <Grid item xs={12}>
              <RunPanel view={view} onCancel={cancel} onResume={resume} />
            </Grid>
          )}
          <Grid item xs={12}>
            <CommandHistory
              refreshKey={`${view.state?.run.id}-${view.state?.run.state}`}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
