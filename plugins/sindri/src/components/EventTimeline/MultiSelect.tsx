import { useId } from 'react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** A select of several values; none selected means no filter. */
export function MultiSelect<T extends string>(props: {
  label: string;
  options: Array<{ value: T; label: string }>;
  value: T[];
  onChange: (value: T[]) => void;
}) {
  const id = useId();
  const labels = new Map(props.options.map(o => [o.value, o.label]));
  return (
    <FormControl style={{ minWidth: 200 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        multiple
        value={props.value}
        onChange={e => props.onChange(e.target.value as T[])}
        renderValue={selected =>
          (selected as T[]).map(v => labels.get(v)).join(', ')
        }
      >
        {props.options.map(o => (
          <MenuItem key={o.value} value={o.value}>
            <Checkbox checked={props.value.includes(o.value)} />
            <ListItemText primary={o.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
