import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';

/** Destroy asks for the instance's name to be typed again, as the backend does. */
export const DestroyDialog = ({
  name,
  open,
  onCancel,
  onConfirm,
}: {
  name: string;
  open: boolean;
  onCancel(): void;
  onConfirm(options: { confirm: string; volumes: boolean }): void;
}) => {
  const [typed, setTyped] = useState('');
  const [volumes, setVolumes] = useState(false);
  // each opening asks again
  useEffect(() => {
    if (open) {
      setTyped('');
      setVolumes(false);
    }
  }, [open]);
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby="sindri-destroy-title"
    >
      <DialogTitle id="sindri-destroy-title">Destroy {name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The instance is removed through its driver, its agent token stops
          working and it leaves the catalog. This cannot be undone. Type{' '}
          <strong>{name}</strong> to confirm.
        </DialogContentText>
        <TextField
          fullWidth
          label="Instance name"
          value={typed}
          onChange={e => setTyped(e.target.value)}
          inputProps={{ 'aria-label': 'Type the instance name to confirm' }}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={volumes}
              onChange={e => setVolumes(e.target.checked)}
            />
          }
          label="Destroy its volumes too"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={typed !== name}
          onClick={() => onConfirm({ confirm: typed, volumes })}
        >
          Destroy
        </Button>
      </DialogActions>
    </Dialog>
  );
};
