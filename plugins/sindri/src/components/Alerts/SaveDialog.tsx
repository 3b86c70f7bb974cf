import { ReactNode, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';

/** A form dialog whose Save closes it once saved, or shows the backend's error (a 400 names the field). */
export const SaveDialog = ({
  title,
  onSave,
  onClose,
  children,
}: {
  title: string;
  onSave(): Promise<unknown>;
  onClose(): void;
  children: ReactNode;
}) => {
  const [error, setError] = useState<string>();
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {children}
        {error && <Typography color="error">{error}</Typography>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={() =>
            onSave().then(onClose, e => setError(String(e.message ?? e)))
          }
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
};
