import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { sindriRegistryServiceRef } from '@internal/plugin-sindri-node';
import { SindriExtensionEntityProvider } from './providers/SindriExtensionEntityProvider';

/** Owner of the extension entities when `sindri.catalog.extensionOwner` is not set. */
export const DEFAULT_EXTENSION_OWNER = 'group:default/sindri-maintainers';

/**
 * Catalog module that adds Sindri's entity providers to the catalog.
 *
 * @public
 */
export const catalogModuleSindri = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'sindri',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        registry: sindriRegistryServiceRef,
      },
      async init({ catalog, config, registry }) {
        const owner =
          config.getOptionalString('sindri.catalog.extensionOwner') ??
          DEFAULT_EXTENSION_OWNER;
        catalog.addEntityProvider(new SindriExtensionEntityProvider(registry, owner));
      },
    });
  },
});
