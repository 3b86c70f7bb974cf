import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import { describeIssue } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../api/SindriApi';
import {
  SindriYamlCodeEditor,
  useConfigIssues,
} from '../components/SindriYamlEditor';

/**
 * A pasted sindri.yaml in the same CodeMirror editor as an instance's Config
 * tab: YAML highlighting and the validator's issues inline at their JSON path.
 */
export const SindriYamlEditor = ({
  formData,
  onChange,
  schema,
  required,
  rawErrors,
}: FieldExtensionComponentProps<string>) => {
  const api = useApi(sindriApiRef);
  const validate = useCallback((t: string) => api.validateConfig(t), [api]);
  const { checked } = useConfigIssues(formData ?? '', validate);
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length)}
    >
      <FormLabel>{schema.title ?? 'sindri.yaml'}</FormLabel>
      <SindriYamlCodeEditor
        value={formData ?? ''}
        onChange={onChange}
        issues={checked?.issues}
        height="320px"
      />
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
    </FormControl>
  );
};

/**
 * Checks the text with the backend's validator (Sindri's schema, as `sindri
 * config validate` does) before the user may go on: each issue is shown by
 * its JSON pointer, so nothing runs for an invalid file.
 */
export const validateSindriYaml: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder },
) => {
  if (!value?.trim()) return;
  const api = apiHolder.get(sindriApiRef);
  if (!api) return;
  try {
    const verdict = await api.validateConfig(value);
    for (const issue of verdict.issues)
      validation.addError(describeIssue(issue));
  } catch (error) {
    validation.addError(`could not be checked: ${(error as Error).message}`);
  }
};
