import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';
import { PreformattedText } from '../common/PreformattedText';

/** What was typed in a recorded session, behind a warning: keystrokes hold passwords too. */
export const RecordedInputDialog = ({
  instance,
  sessionId,
  onClose,
}: {
  instance: string;
  sessionId: string;
  onClose: () => void;
}) => {
  const api = useApi(sindriApiRef);
  const { value, loading, error } = useAsync(
    () => api.getTerminalSessionInput(instance, sessionId),
    [api, instance, sessionId],
  );
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="recorded-input-title"
    >
      <DialogTitle id="recorded-input-title">
        Recorded keystrokes (sensitive)
      </DialogTitle>
      <DialogContent>
        <WarningPanel
          severity="warning"
          defaultExpanded
          title="Sensitive"
          message="These are the keystrokes typed in the session, as recorded (sindri.terminal.recordInput): passwords and secrets typed at a prompt are among them. Do not copy them anywhere."
        />
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel
            title="The keystrokes could not be read"
            error={error}
          />
        )}
        {value && (
          <PreformattedText mt={2}>
            {JSON.stringify(value.input).slice(1, -1) || '(nothing was typed)'}
            {value.truncated ? '\n… (only the first part is shown)' : ''}
          </PreformattedText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
