import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { sindriRegistryServiceRef } from '@internal/plugin-sindri-node';
import { migrateUp } from './database/migrations';
import { createRouter } from './router';

/**
 * The Sindri backend plugin: fleet state, agent ingest and the portal's API,
 * served under `/api/sindri`.
 *
 * @public
 */
export const sindriPlugin = createBackendPlugin({
  pluginId: 'sindri',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        registry: sindriRegistryServiceRef,
      },
      async init({ database, httpRouter, logger, registry }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateUp(knex);
        }
        logger.info(
          `Sindri registry at ${registry.path}: ${registry.listExtensions().length} extensions, ${registry.listProfiles().length} profiles`,
        );

        httpRouter.use(await createRouter({ knex, registry }));
        // Like the readiness probe, health answers without credentials so
        // load balancers can use it; it reveals no instance data.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
