import { useEffect } from 'react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useDeploymentOptions } from './useDeploymentOptions';

/**
 * The provider's region: suggestions are the examples Sindri's schema gives;
 * any code the provider knows may be typed. Empty for providers without one.
 */
export const SindriRegionPicker = (
  props: FieldExtensionComponentProps<
    string | undefined,
    { providerField?: string }
  >,
) => {
  const { formData, onChange, schema, rawErrors, uiSchema, formContext } =
    props;
  const { value: options } = useDeploymentOptions();
  const provider: string | undefined = (formContext as any)?.formData?.[
    uiSchema?.['ui:options']?.providerField ?? 'provider'
  ];
  const takesRegion = Boolean(
    provider && options?.providersWithRegion.includes(provider),
  );
  // a region typed for another provider is not sent with one that takes none
  useEffect(() => {
    if (options && !takesRegion && formData !== undefined) onChange(undefined);
  }, [options, takesRegion, formData, onChange]);
  return (
    <Autocomplete
      freeSolo
      disabled={!takesRegion}
      options={(provider && options?.regionHints[provider]) || []}
      value={takesRegion ? formData ?? '' : ''}
      onInputChange={(_e, value) => onChange(value || undefined)}
      renderInput={params => (
        <TextField
          {...params}
          margin="normal"
          label={schema.title ?? 'Region'}
          error={Boolean(rawErrors?.length)}
          helperText={
            takesRegion
              ? schema.description
              : `The ${provider ?? 'chosen'} provider takes no region`
          }
        />
      )}
    />
  );
};
