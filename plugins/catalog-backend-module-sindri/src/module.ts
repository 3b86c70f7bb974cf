import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { sindriRegistryServiceRef } from '@internal/plugin-sindri-node';
import { SindriExtensionEntityProvider } from './providers/SindriExtensionEntityProvider';
import { SindriInstanceEntityProvider } from './providers/SindriInstanceEntityProvider';

/** Owner of the extension entities when `sindri.catalog.extensionOwner` is not set. */
export const DEFAULT_EXTENSION_OWNER = 'group:default/sindri-maintainers';

/**
 * Catalog module that adds Sindri's entity providers to the catalog: the
 * registry's extensions and the fleet's instances.
 *
 * @public
 */
export const catalogModuleSindri = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'sindri',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        logger: coreServices.logger,
        registry: sindriRegistryServiceRef,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, registry, ...deps }) {
        const owner =
          config.getOptionalString('sindri.catalog.extensionOwner') ??
          DEFAULT_EXTENSION_OWNER;
        catalog.addEntityProvider(new SindriExtensionEntityProvider(registry, owner));
        catalog.addEntityProvider(SindriInstanceEntityProvider.fromConfig(config, { registry, ...deps }));
      },
    });
  },
});
