import { useEffect } from 'react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useDeploymentOptions } from './useDeploymentOptions';

function helperText(
  error: Error | undefined,
  drivers: number | undefined,
  description?: string,
) {
  if (error) return `Could not load the portal's drivers: ${error.message}`;
  if (drivers === 0)
    return 'No deployment driver you may use: the portal has none configured (sindri.cli.path, sindri.drivers.local), or the permission policy grants you none (sindri.driver.use)';
  return description;
}

/** Where the instance runs: one of the drivers this portal has (local, the Sindri CLI). */
export const SindriDriverPicker = ({
  formData,
  onChange,
  schema,
  required,
  rawErrors,
  idSchema,
}: FieldExtensionComponentProps<string>) => {
  const { value: options, loading, error } = useDeploymentOptions();
  useEffect(() => {
    if (!formData && options?.defaultDriver) onChange(options.defaultDriver);
  }, [formData, options, onChange]);
  const id = idSchema?.$id ?? 'sindri-driver';
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length) || Boolean(error)}
    >
      <InputLabel id={`${id}-label`}>
        {schema.title ?? 'Where it runs'}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={formData ?? ''}
        disabled={loading}
        onChange={e => onChange(e.target.value as string)}
      >
        {(options?.drivers ?? []).map(d => (
          <MenuItem key={d.id} value={d.id}>
            {d.title}
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>
        {helperText(error, options?.drivers.length, schema.description)}
      </FormHelperText>
    </FormControl>
  );
};
