import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useDeploymentOptions } from './useDeploymentOptions';

/** Extensions from the Sindri registry, grouped by category. */
export const SindriExtensionsPicker = ({
  formData,
  onChange,
  schema,
  required,
  rawErrors,
}: FieldExtensionComponentProps<string[]>) => {
  const { value: options, loading, error } = useDeploymentOptions();
  const extensions = [...(options?.extensions ?? [])].sort(
    (a, b) =>
      (a.category ?? '').localeCompare(b.category ?? '') ||
      a.name.localeCompare(b.name),
  );
  const described = new Map(extensions.map(e => [e.name, e]));
  return (
    <Autocomplete
      multiple
      loading={loading}
      options={extensions.map(e => e.name)}
      groupBy={name => described.get(name)?.category ?? ''}
      value={formData ?? []}
      onChange={(_e, value) => onChange(value)}
      renderOption={name => (
        <span>
          <strong>{name}</strong> {described.get(name)?.description ?? ''}
        </span>
      )}
      renderInput={params => (
        <TextField
          {...params}
          margin="normal"
          label={schema.title ?? 'Extensions'}
          required={required && !(formData ?? []).length}
          error={Boolean(rawErrors?.length) || Boolean(error)}
          helperText={
            error
              ? `Could not load the registry: ${error.message}`
              : schema.description
          }
        />
      )}
    />
  );
};
