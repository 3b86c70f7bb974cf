import { Progress, ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import useAsync from 'react-use/esm/useAsync';
import { sindriApiRef } from '../../api/SindriApi';

/** What was typed in a recorded session, behind a warning: keystrokes hold passwords too. */
export const RecordedInputDialog = ({ instance, sessionId, onClose }: { instance: string; sessionId: string; onClose: () => void }) => {
  const api = useApi(sindriApiRef);
  const { value, loading, error } = useAsync(() => api.getTerminalSessionInput(instance, sessionId), [api, instance, sessionId]);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="recorded-input-title">
      <DialogTitle id="recorded-input-title">Recorded keystrokes (sensitive)</DialogTitle>
      <DialogContent>
        <WarningPanel
          severity="warning"
          defaultExpanded
          title="Sensitive"
          message="These are the keystrokes typed in the session, as recorded (sindri.terminal.recordInput): passwords and secrets typed at a prompt are among them. Do not copy them anywhere."
        />
        {loading && <Progress />}
        {error && <ResponseErrorPanel title="The keystrokes could not be read" error={error} />}
        {value && (
          <Box component="pre" mt={2} p={1} bgcolor="background.default" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 400, overflow: 'auto' }}>
            {JSON.stringify(value.input).slice(1, -1) || '(nothing was typed)'}
            {value.truncated ? '\n… (only the first part is shown)' : ''}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};
