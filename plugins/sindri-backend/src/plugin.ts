import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  SindriCostSource,
  sindriCostSourcesExtensionPoint,
  SindriDriver,
  sindriDriversExtensionPoint,
  sindriRegistryServiceRef,
} from '@internal/plugin-sindri-node';
import { createUpgradeMiddleware } from './http/upgradeMiddleware';
import { SindriBuilder } from './service/SindriBuilder';

/**
 * The Sindri backend plugin: fleet state, agent ingest and the portal's API,
 * served under `/api/sindri`.
 *
 * @public
 */
export const sindriPlugin = createBackendPlugin({
  pluginId: 'sindri',
  register(env) {
    const addedDrivers: SindriDriver[] = [];
    env.registerExtensionPoint(sindriDriversExtensionPoint, {
      addDriver: driver => addedDrivers.push(driver),
    });
    const costSources: SindriCostSource[] = [];
    env.registerExtensionPoint(sindriCostSourcesExtensionPoint, {
      addCostSource: source => costSources.push(source),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        registry: sindriRegistryServiceRef,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
      },
      async init({ httpRouter, lifecycle, scheduler, discovery, ...deps }) {
        const sindri = await new SindriBuilder({ ...deps, discovery })
          .addDrivers(addedDrivers)
          .addCostSources(costSources)
          .build();

        const basePath = async () =>
          new URL(await discovery.getBaseUrl('sindri')).pathname;
        httpRouter.use(
          createUpgradeMiddleware(basePath, sindri.upgrades, server =>
            sindri
              .listening(server)
              .catch(error =>
                deps.logger.error(
                  `Could not record how other replicas reach this one: ${error}`,
                ),
              ),
          ),
        );
        httpRouter.use(sindri.router);
        // agents authenticate with their own tokens, checked by their routes
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: '/ingest', allow: 'unauthenticated' });
        for (const path of [
          '/agent/connect',
          '/agent/install.sh',
          '/agent/bundle',
        ])
          httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        // browsers cannot put a token on a WebSocket: terminals use the user
        // cookie; every other /instances route refuses cookie credentials itself
        httpRouter.addAuthPolicy({ path: '/instances', allow: 'user-cookie' });

        lifecycle.addStartupHook(async () => {
          // one request through our router lets the upgrade middleware find the HTTP server
          const health = `${await discovery.getBaseUrl('sindri')}/health`;
          await fetch(health).catch(error =>
            deps.logger.warn(`Could not reach ${health} at start-up: ${error}`),
          );
          await sindri.start();
        });
        lifecycle.addShutdownHook(() => sindri.stop());
        for (const task of sindri.tasks) await scheduler.scheduleTask(task);
      },
    });
  },
});
