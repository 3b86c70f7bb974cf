import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { loadSindriConfigValidator, sindriRegistryServiceRef } from '@internal/plugin-sindri-node';
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
      deps: { scaffolder: scaffolderActionsExtensionPoint, registry: sindriRegistryServiceRef },
      async init({ scaffolder, registry }) {
        scaffolder.addActions(
          ...createSindriActions({
            validator: loadSindriConfigValidator(registry.path),
            registry: {
              extensions: () => registry.listExtensions().map(e => e.name),
              profiles: () => registry.listProfiles().map(p => p.name),
            },
          }),
        );
      },
    });
  },
});
