import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createSindriActions } from './actions';

/**
 * Scaffolder module that adds the `sindri:*` template actions.
 *
 * @public
 */
export const scaffolderModuleSindri = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'sindri',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(...createSindriActions());
      },
    });
  },
});
