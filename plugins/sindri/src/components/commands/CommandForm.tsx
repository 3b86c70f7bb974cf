import { FormEvent, ReactNode, useId, useState } from 'react';
import { CommandSpec, LIVE_LIMITS } from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { checkDraft, CommandDraft, emptyDraft } from './commandDraft';

export interface CommandFormProps {
  onRun(command: CommandSpec, timeoutSeconds: number): void;
  /** why nothing can be run now (no permission, a run in progress, no target): shown, and Run is disabled */
  blockedBy?: string;
  /** disables the fields too, not only Run */
  disabled?: boolean;
  /** more fields (targets, concurrency), shown before Run */
  children?: ReactNode;
}

/** A command line (split into argv here, never run by a shell) or a script, and a timeout. */
export const CommandForm = ({
  onRun,
  blockedBy,
  disabled,
  children,
}: CommandFormProps) => {
  const [draft, setDraft] = useState<CommandDraft>(emptyDraft);
  const [touched, setTouched] = useState(false);
  const id = useId();
  const checked = checkDraft(draft);
  const update = (change: Partial<CommandDraft>) =>
    setDraft(d => ({ ...d, ...change }));
  const showError = touched && checked.error !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (checked.error === undefined && !blockedBy)
      onRun(checked.command, checked.timeoutSeconds);
  };

  return (
    <form onSubmit={submit} noValidate>
      <RadioGroup
        row
        value={draft.mode}
        onChange={e => update({ mode: e.target.value as CommandDraft['mode'] })}
      >
        <FormControlLabel
          value="line"
          control={<Radio color="primary" />}
          label="Command"
          disabled={disabled}
        />
        <FormControlLabel
          value="script"
          control={<Radio color="primary" />}
          label="Script"
          disabled={disabled}
        />
      </RadioGroup>
      {draft.mode === 'line' ? (
        <TextField
          id={`${id}-line`}
          label="Command line"
          value={draft.line}
          onChange={e => {
            setTouched(true);
            update({ line: e.target.value });
          }}
          disabled={disabled}
          fullWidth
          margin="dense"
          variant="outlined"
          inputProps={{ style: { fontFamily: 'monospace' }, spellCheck: false }}
          error={
            showError &&
            checked.error !== undefined &&
            checked.field === 'command'
          }
          helperText={
            showError && checked.field === 'command'
              ? checked.error
              : 'Split into arguments like a shell would, then run directly: no pipes, redirections, globs, $VARIABLES or ~. Use a script for those.'
          }
        />
      ) : (
        <TextField
          id={`${id}-script`}
          label="Script"
          value={draft.script}
          onChange={e => {
            setTouched(true);
            update({ script: e.target.value });
          }}
          disabled={disabled}
          fullWidth
          multiline
          minRows={6}
          margin="dense"
          variant="outlined"
          inputProps={{ style: { fontFamily: 'monospace' }, spellCheck: false }}
          error={
            showError &&
            checked.error !== undefined &&
            checked.field === 'command'
          }
          helperText={
            showError && checked.field === 'command'
              ? checked.error
              : `Written to a file on the instance and run by the interpreter on its first line (#!). At most ${
                  LIVE_LIMITS.maxScriptBytes / 1024
                } KiB.`
          }
        />
      )}
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        style={{ gap: 16 }}
      >
        <TextField
          id={`${id}-timeout`}
          label="Timeout (seconds)"
          type="number"
          value={draft.timeoutSeconds}
          onChange={e => update({ timeoutSeconds: e.target.value })}
          disabled={disabled}
          margin="dense"
          variant="outlined"
          inputProps={{
            min: LIVE_LIMITS.minCommandTimeoutSeconds,
            max: LIVE_LIMITS.maxCommandTimeoutSeconds,
          }}
          error={checked.error !== undefined && checked.field === 'timeout'}
          helperText={
            checked.error !== undefined && checked.field === 'timeout'
              ? checked.error
              : 'then the command is killed'
          }
        />
        {children}
      </Box>
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 16 }}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={disabled || !!blockedBy}
        >
          Run
        </Button>
        {blockedBy && (
          <Typography variant="body2" color="textSecondary">
            {blockedBy}
          </Typography>
        )}
      </Box>
    </form>
  );
};
