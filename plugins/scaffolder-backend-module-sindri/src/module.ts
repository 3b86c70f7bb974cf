import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  SindriDeploymentsClient,
  sindriRegistryServiceRef,
} from '@internal/plugin-sindri-node';
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
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        registry: sindriRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, registry, discovery, auth }) {
        scaffolder.addActions(
          ...createSindriActions({
            validator: registry.validator(),
            registry: {
              extensions: () => registry.listExtensions().map(e => e.name),
              profiles: () => registry.listProfiles().map(p => p.name),
            },
            deployments: new SindriDeploymentsClient({ discovery, auth }),
          }),
        );
      },
    });
  },
});
