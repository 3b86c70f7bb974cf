import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { SindriBudgetEstimate } from './SindriBudgetEstimate';
import { SindriDriverPicker } from './SindriDriverPicker';
import { SindriExtensionsPicker } from './SindriExtensionsPicker';
import { SindriProfilePicker } from './SindriProfilePicker';
import { SindriRegionPicker } from './SindriRegionPicker';
import { SindriYamlEditor, validateSindriYaml } from './SindriYamlEditor';

/** The `ui:field`s Sindri templates use. */
const sindriDriverField = createFormField({
  name: 'SindriDriverPicker',
  component: SindriDriverPicker as any,
});
const sindriProfileField = createFormField({
  name: 'SindriProfilePicker',
  component: SindriProfilePicker as any,
});
const sindriExtensionsField = createFormField({
  name: 'SindriExtensionsPicker',
  component: SindriExtensionsPicker as any,
});
const sindriRegionField = createFormField({
  name: 'SindriRegionPicker',
  component: SindriRegionPicker as any,
});
const sindriYamlField = createFormField({
  name: 'SindriYamlEditor',
  component: SindriYamlEditor as any,
  validation: validateSindriYaml as any,
});

const sindriBudgetField = createFormField({
  name: 'SindriBudgetEstimate',
  component: SindriBudgetEstimate as any,
});

export const sindriFormFields = {
  budget: sindriBudgetField,
  driver: sindriDriverField,
  profile: sindriProfileField,
  extensions: sindriExtensionsField,
  region: sindriRegionField,
  yaml: sindriYamlField,
};
