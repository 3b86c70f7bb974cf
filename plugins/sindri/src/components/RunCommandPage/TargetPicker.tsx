import { useId } from 'react';
import {
  INSTANCE_PROVIDERS,
  INSTANCE_STATUSES,
} from '@internal/plugin-sindri-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { TargetDraft } from './targetDraft';

const Select = ({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange(v: string): void;
}) => (
  <TextField
    select
    id={id}
    label={label}
    value={value}
    onChange={e => onChange(e.target.value)}
    variant="outlined"
    margin="dense"
    style={{ minWidth: 160 }}
  >
    <MenuItem value="">any</MenuItem>
    {options.map(option => (
      <MenuItem key={option} value={option}>
        {option}
      </MenuItem>
    ))}
  </TextField>
);

/** Chooses instances by catalog filter (owner, provider, status) or by name. */
export const TargetPicker = ({
  value,
  onChange,
}: {
  value: TargetDraft;
  onChange(value: TargetDraft): void;
}) => {
  const id = useId();
  const set = (change: Partial<TargetDraft>) =>
    onChange({ ...value, ...change });
  return (
    <>
      <RadioGroup
        row
        value={value.mode}
        onChange={e => set({ mode: e.target.value as TargetDraft['mode'] })}
      >
        <FormControlLabel
          value="filter"
          control={<Radio color="primary" />}
          label="By catalog filter"
        />
        <FormControlLabel
          value="names"
          control={<Radio color="primary" />}
          label="By name"
        />
      </RadioGroup>
      {value.mode === 'filter' ? (
        <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
          <TextField
            id={`${id}-owner`}
            label="Owner"
            placeholder="group:default/platform"
            helperText="as in the entity's spec.owner"
            value={value.owner}
            onChange={e => set({ owner: e.target.value })}
            variant="outlined"
            margin="dense"
          />
          <Select
            id={`${id}-provider`}
            label="Provider"
            value={value.provider}
            options={INSTANCE_PROVIDERS}
            onChange={provider => set({ provider })}
          />
          <Select
            id={`${id}-status`}
            label="Status"
            value={value.status}
            options={INSTANCE_STATUSES}
            onChange={status => set({ status })}
          />
        </Box>
      ) : (
        <TextField
          id={`${id}-names`}
          label="Instance names"
          placeholder="dev-alice, dev-bob"
          helperText="separated by commas or spaces"
          value={value.names}
          onChange={e => set({ names: e.target.value })}
          variant="outlined"
          margin="dense"
          fullWidth
        />
      )}
    </>
  );
};
