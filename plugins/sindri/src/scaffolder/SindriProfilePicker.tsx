import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useDeploymentOptions } from './useDeploymentOptions';

const NONE = '';

/** A Sindri extension profile from the registry's profiles.yaml, or none. */
export const SindriProfilePicker = ({
  formData,
  onChange,
  schema,
  required,
  rawErrors,
  idSchema,
}: FieldExtensionComponentProps<string | undefined>) => {
  const { value: options, loading, error } = useDeploymentOptions();
  const id = idSchema?.$id ?? 'sindri-profile';
  const chosen = options?.profiles.find(p => p.name === formData);
  const helperText = () => {
    if (error) return `Could not load the profiles: ${error.message}`;
    if (chosen)
      return `${chosen.description ?? ''} (${chosen.extensions.join(', ')})`;
    return schema.description;
  };
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length) || Boolean(error)}
    >
      <InputLabel id={`${id}-label`}>{schema.title ?? 'Profile'}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={formData ?? NONE}
        disabled={loading}
        onChange={e => onChange((e.target.value as string) || undefined)}
      >
        <MenuItem value={NONE}>
          <em>None: only the extensions below</em>
        </MenuItem>
        {(options?.profiles ?? []).map(p => (
          <MenuItem key={p.name} value={p.name}>
            {p.name}
          </MenuItem>
        ))}
      </Select>
      <FormHelperText>{helperText()}</FormHelperText>
    </FormControl>
  );
};
