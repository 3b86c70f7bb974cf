import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  sindriEnrollmentManagePermission,
  sindriInstancePermissions,
} from '@internal/plugin-sindri-common';
import {
  sindriInstancePermissionResourceRef,
  sindriInstanceRules,
  sindriRegistryServiceRef,
} from '@internal/plugin-sindri-node';
import { readSindriBackendConfig } from './config';
import { InstanceStore } from './database/InstanceStore';
import { migrateUp } from './database/migrations';
import { SampleStore } from './database/SampleStore';
import { SampleWriter } from './database/SampleWriter';
import { AgentSocketServer } from './ingest/AgentSocketServer';
import { IngestService } from './ingest/IngestService';
import { InstanceChanges } from './ingest/InstanceChanges';
import { RateLimiter } from './ingest/RateLimiter';
import { createUpgradeMiddleware } from './ingest/upgradeMiddleware';
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
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        registry: sindriRegistryServiceRef,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, database, discovery, httpRouter, logger, registry, scheduler } = deps;
        const settings = readSindriBackendConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateUp(knex);
        }
        logger.info(
          `Sindri registry at ${registry.path}: ${registry.listExtensions().length} extensions, ${registry.listProfiles().length} profiles`,
        );

        const instances = new InstanceStore(knex);
        const samples = new SampleStore(knex);
        const changes = new InstanceChanges(deps.events);
        const limiter = new RateLimiter(settings.rateLimit.framesPerSecond, settings.rateLimit.burst);
        const ingest = new IngestService(instances, samples, new SampleWriter(knex), changes, logger);
        const sockets = new AgentSocketServer({ instances, ingest, limiter, logger });
        deps.lifecycle.addShutdownHook(() => sockets.close());
        deps.permissionsRegistry.addPermissions([sindriEnrollmentManagePermission]);
        deps.permissionsRegistry.addResourceType({
          resourceRef: sindriInstancePermissionResourceRef,
          permissions: sindriInstancePermissions,
          rules: Object.values(sindriInstanceRules),
          // resource refs are the instances' entity refs: resource:default/<name>
          getResources: async refs =>
            Promise.all(refs.map(ref => instances.getByName(parseEntityRef(ref, { defaultKind: 'resource' }).name))),
        });

        const connectPath = async () => `${new URL(await discovery.getBaseUrl('sindri')).pathname}/agent/connect`;
        httpRouter.use(createUpgradeMiddleware(connectPath, (req, socket, head) => sockets.handleUpgrade(req, socket, head)));
        httpRouter.use(
          await createRouter({
            knex,
            registry,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry: deps.permissionsRegistry,
            instances,
            samples,
            ingest,
            limiter,
          }),
        );
        // Health answers without credentials, like the readiness probe; agents
        // authenticate with their own tokens, checked by the routes themselves.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: '/ingest', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: '/agent/connect', allow: 'unauthenticated' });
        // One request through our own router lets the upgrade middleware find
        // the HTTP server before the first agent connects.
        deps.lifecycle.addStartupHook(async () => {
          const health = `${await discovery.getBaseUrl('sindri')}/health`;
          await fetch(health).catch(error => logger.warn(`Could not reach ${health} at start-up: ${error}`));
        });

        await scheduler.scheduleTask({
          id: 'sindri-instance-status',
          scope: 'local',
          frequency: { seconds: 2 },
          timeout: { seconds: 30 },
          fn: async () => {
            for (const id of await instances.markUnresponsive()) {
              const instance = await instances.get(id);
              if (instance) await changes.publish({ reason: 'status', instance });
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'sindri-metrics-compaction',
          frequency: { minutes: 5 },
          timeout: { minutes: 4 },
          fn: async () => {
            const { downsampled, pruned } = await samples.compact(settings.retention);
            logger.debug(`Metrics compaction: ${downsampled} buckets written, ${pruned} rows pruned`);
          },
        });
      },
    });
  },
});
