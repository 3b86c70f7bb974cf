import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { sindriRegistryServiceRef } from '@internal/plugin-sindri-node';
import { SindriExtensionEntityProvider } from './providers/SindriExtensionEntityProvider';
import { SindriInstanceEntityProvider } from './providers/SindriInstanceEntityProvider';
import { StitchRepair } from './repair/StitchRepair';
import { SearchIndexTrigger } from './search/SearchIndexTrigger';

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
        catalogApi: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        logger: coreServices.logger,
        registry: sindriRegistryServiceRef,
        scheduler: coreServices.scheduler,
      },
      async init({
        catalog,
        catalogApi,
        config,
        registry,
        database,
        lifecycle,
        ...deps
      }) {
        const owner =
          config.getOptionalString('sindri.catalog.extensionOwner') ??
          DEFAULT_EXTENSION_OWNER;
        catalog.addEntityProvider(
          new SindriExtensionEntityProvider(registry, owner),
        );
        // a new instance is found by the portal's search within seconds, not at the collator's next run
        const search =
          config.getOptionalBoolean(
            'sindri.catalog.search.indexOnRegistration',
          ) ?? true
            ? new SearchIndexTrigger({
                ...deps,
                catalog: catalogApi,
                taskId: config.getOptionalString(
                  'sindri.catalog.search.indexTask',
                ),
              })
            : undefined;
        catalog.addEntityProvider(
          SindriInstanceEntityProvider.fromConfig(config, {
            registry,
            ...deps,
            onRegistered: search && (ref => void search.request(ref)),
          }),
        );

        // the catalog's tables are this module's plugin's: mend what a killed catalog process left
        const repair = new StitchRepair(await database.getClient());
        lifecycle.addStartupHook(async () => {
          const { released, stitched } = await repair.afterStart();
          if (released || stitched)
            deps.logger.info(
              `Catalog repair after start: ${released} leases released, ${stitched} entities stitched again`,
            );
        });
        await deps.scheduler.scheduleTask({
          id: 'sindri-catalog-stitch-repair',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const stitched = await repair.mend();
            if (stitched)
              deps.logger.info(
                `Catalog repair: ${stitched} entities were left half-stitched; stitching them again`,
              );
          },
        });
      },
    });
  },
});
