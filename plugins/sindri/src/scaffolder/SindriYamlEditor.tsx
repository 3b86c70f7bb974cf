import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { describeIssue } from '@internal/plugin-sindri-common';
import { sindriApiRef } from '../api/SindriApi';

/** A pasted sindri.yaml, in a monospaced editor. */
export const SindriYamlEditor = ({
  formData,
  onChange,
  schema,
  required,
  rawErrors,
}: FieldExtensionComponentProps<string>) => (
  <TextField
    fullWidth
    multiline
    minRows={12}
    margin="normal"
    label={schema.title ?? 'sindri.yaml'}
    required={required}
    value={formData ?? ''}
    onChange={e => onChange(e.target.value)}
    error={Boolean(rawErrors?.length)}
    helperText={schema.description}
    inputProps={{
      spellCheck: false,
      style: { fontFamily: 'monospace' },
      'aria-label': 'sindri.yaml',
    }}
  />
);

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
