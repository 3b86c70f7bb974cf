import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { SindriBudgetEstimate } from './SindriBudgetEstimate';
import { SindriDriverPicker } from './SindriDriverPicker';
import { SindriExtensionsPicker } from './SindriExtensionsPicker';
import { SindriProfilePicker } from './SindriProfilePicker';
import { SindriRegionPicker } from './SindriRegionPicker';
import { SindriYamlEditor, validateSindriYaml } from './SindriYamlEditor';

/** The Sindri template fields for apps on the legacy frontend system (inside `<ScaffolderFieldExtensions>`). */
export const SindriDriverPickerFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SindriDriverPicker',
    component: SindriDriverPicker as any,
  }),
);
export const SindriProfilePickerFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SindriProfilePicker',
    component: SindriProfilePicker as any,
  }),
);
export const SindriExtensionsPickerFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SindriExtensionsPicker',
    component: SindriExtensionsPicker as any,
  }),
);
export const SindriRegionPickerFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SindriRegionPicker',
    component: SindriRegionPicker as any,
  }),
);
export const SindriYamlEditorFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SindriYamlEditor',
    component: SindriYamlEditor as any,
    validation: validateSindriYaml as any,
  }),
);
export const SindriBudgetEstimateFieldExtension = scaffolderPlugin.provide(
  createScaffolderFieldExtension({
    name: 'SindriBudgetEstimate',
    component: SindriBudgetEstimate as any,
  }),
);
