import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  GUARDED_FIELD_IDS,
  instanceNameOfRef,
  sindriConfigFieldSetPermission,
  sindriDriverUsePermission,
  sindriEnrollmentManagePermission,
  sindriInstanceCreatePermission,
  sindriInstancePermissions,
} from '@internal/plugin-sindri-common';
import {
  checkLocalDriverListen,
  loadSindriConfigValidator,
  SindriDriver,
  sindriConfigFieldPermissionResourceRef,
  sindriConfigFieldRules,
  sindriDriverPermissionResourceRef,
  sindriDriverRules,
  sindriDriversExtensionPoint,
  sindriInstancePermissionResourceRef,
  sindriInstanceRules,
  sindriRegistryServiceRef,
} from '@internal/plugin-sindri-node';
import { PermissionGuard } from './auth/PermissionGuard';
import { readSindriBackendConfig } from './config';
import { InstanceStore } from './database/InstanceStore';
import { migrateUp } from './database/migrations';
import { pruneAudit } from './database/auditRetention';
import { SampleStore } from './database/SampleStore';
import { SampleWriter } from './database/SampleWriter';
import { AgentSocketServer } from './ingest/AgentSocketServer';
import { IngestService } from './ingest/IngestService';
import { InstanceChanges } from './ingest/InstanceChanges';
import { RateLimiter } from './ingest/RateLimiter';
import { Keepalive } from './sockets/Keepalive';
import { TokenSweeper } from './tokens/TokenSweeper';
import { createUpgradeMiddleware } from './ingest/upgradeMiddleware';
import { createRouter } from './router';
import { AgentLinks } from './live/AgentLinks';
import { CommandService } from './commands/CommandService';
import { CommandStore } from './commands/CommandStore';
import { TerminalAuditStore } from './terminal/TerminalAuditStore';
import { TerminalRelay } from './terminal/TerminalRelay';
import {
  TERMINAL_PATH,
  TerminalSocketServer,
} from './terminal/TerminalSocketServer';
import { SindriCliDriver } from './drivers/SindriCliDriver';
import { LocalDriver } from './drivers/local/LocalDriver';
import { DeploymentService } from './deployments/DeploymentService';
import { DeploymentStore } from './deployments/DeploymentStore';
import { readRegionHints } from './deployments/regionHints';

/** Origins a browser may open terminals from: the app's and the backend's, and CORS origins. */
function allowedOrigins(config: Config): string[] {
  const origins = [
    config.getOptionalString('app.baseUrl'),
    config.getOptionalString('backend.baseUrl'),
  ]
    .filter((u): u is string => Boolean(u))
    .map(u => new URL(u).origin);
  const cors = config.getOptional('backend.cors.origin');
  for (const o of Array.isArray(cors) ? cors : [cors])
    if (typeof o === 'string' && !o.includes('*'))
      origins.push(new URL(o).origin);
  return [...new Set(origins)];
}

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
      addDriver(driver) {
        addedDrivers.push(driver);
      },
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        registry: sindriRegistryServiceRef,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const {
          config,
          database,
          discovery,
          httpRouter,
          logger,
          registry,
          scheduler,
        } = deps;
        const settings = readSindriBackendConfig(config);
        checkLocalDriverListen(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await migrateUp(knex);
        }
        logger.info(
          `Sindri registry at ${registry.path}: ${
            registry.listExtensions().length
          } extensions, ${registry.listProfiles().length} profiles`,
        );

        const instances = new InstanceStore(knex);
        const samples = new SampleStore(knex);
        const changes = new InstanceChanges(deps.events);
        const limiter = new RateLimiter(
          settings.rateLimit.framesPerSecond,
          settings.rateLimit.burst,
        );
        const ingest = new IngestService(
          instances,
          samples,
          new SampleWriter(knex),
          changes,
          logger,
          limiter,
        );
        const links = new AgentLinks();
        const tokens = new TokenSweeper(
          instances,
          logger,
          settings.agents.tokenCheckIntervalMs,
        );
        const agentKeepalive = new Keepalive(
          settings.agents.keepaliveIntervalMs,
        );
        const sockets = new AgentSocketServer({
          instances,
          ingest,
          liveLimiter: new RateLimiter(
            settings.rateLimit.liveFramesPerSecond,
            settings.rateLimit.liveBurst,
          ),
          logger,
          links,
          tokens,
          keepalive: agentKeepalive,
          onUnreachable: async instanceId => {
            try {
              if (await instances.setStatus(instanceId, 'unresponsive')) {
                const instance = await instances.get(instanceId);
                if (instance)
                  await changes.publish({ reason: 'status', instance });
              }
            } catch (error) {
              logger.warn(
                `Instance ${instanceId} not marked unresponsive: ${error}`,
              );
            }
          },
        });
        const terminalAudit = new TerminalAuditStore(knex);
        const relay = new TerminalRelay(
          links,
          terminalAudit,
          logger,
          settings.terminal,
        );
        const guard = new PermissionGuard({
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          toInstanceCriteria: () =>
            createConditionTransformer(
              deps.permissionsRegistry.getPermissionRuleset(
                sindriInstancePermissionResourceRef,
              ),
            ),
        });
        const terminals = new TerminalSocketServer({
          guard,
          instances,
          relay,
          logger,
          allowedOrigins: allowedOrigins(config),
          recheckIntervalMs: settings.terminal.recheckIntervalMs,
        });
        const commandStore = new CommandStore(knex);
        const abandoned = await commandStore.abandonUnfinished(
          'the portal restarted before the instance answered',
        );
        if (abandoned)
          logger.warn(
            `${abandoned} command results left unfinished by an earlier start were marked cancelled`,
          );
        const commands = new CommandService(links, commandStore, logger);
        const drivers = new Map<string, SindriDriver>();
        const localDriver = settings.localDriver
          ? new LocalDriver({
              agentCommand: settings.localDriver.agentCommand,
              onCrash: (name, detail) =>
                logger.warn(`Local instance ${name}: sindri-agent ${detail}`),
            })
          : undefined;
        if (localDriver) drivers.set(localDriver.id, localDriver);
        if (settings.cliPath)
          drivers.set('sindri-cli', new SindriCliDriver(settings.cliPath));
        for (const driver of addedDrivers) drivers.set(driver.id, driver);
        const deploymentStore = new DeploymentStore(knex);
        const deployments = new DeploymentService({
          drivers,
          instances,
          store: deploymentStore,
          samples,
          changes,
          validator: loadSindriConfigValidator(registry.path),
          registry,
          logger,
          entityVisible: async entityRef =>
            Boolean(
              await deps.catalog.getEntityByRef(entityRef, {
                credentials: await deps.auth.getOwnServiceCredentials(),
              }),
            ),
          onRemoved: instanceId => {
            ingest.forget(instanceId);
            links.get(instanceId)?.close(4410, 'the instance was destroyed');
            void tokens.sweep();
          },
          onTokenRotated: () => tokens.sweep(),
          settings: {
            ...settings.deployments,
            regionHints: readRegionHints(registry.path),
            // agents address the backend's root: they add /api/sindri themselves
            consoleUrl: async () =>
              settings.deployments.consoleUrl ??
              new URL(await discovery.getExternalBaseUrl('sindri')).origin,
          },
        });
        logger.info(
          `Sindri deployment drivers: ${
            [...drivers.keys()].join(', ') ||
            'none (set sindri.cli.path or sindri.drivers.local.enabled)'
          }`,
        );
        // before any route serves: what an earlier start left running is settled now
        const unfinishedDeploys = await deployments.abandonUnfinished();

        deps.lifecycle.addShutdownHook(async () => {
          terminals.close();
          sockets.close();
          tokens.close();
          agentKeepalive.close();
          await relay.close();
          await deployments.shutdown();
          await localDriver?.shutdown();
        });
        deps.permissionsRegistry.addPermissions([
          sindriEnrollmentManagePermission,
          sindriInstanceCreatePermission,
        ]);
        deps.permissionsRegistry.addResourceType({
          resourceRef: sindriInstancePermissionResourceRef,
          permissions: sindriInstancePermissions,
          rules: Object.values(sindriInstanceRules),
          // resource refs are the instances' entity refs: resource:default/<name>
          getResources: async refs =>
            Promise.all(
              refs.map(ref => {
                const name = instanceNameOfRef(ref);
                return name ? instances.getByName(name) : undefined;
              }),
            ),
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: sindriDriverPermissionResourceRef,
          permissions: [sindriDriverUsePermission],
          rules: Object.values(sindriDriverRules),
          getResources: async ids =>
            ids.map(id => (drivers.has(id) ? { id } : undefined)),
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: sindriConfigFieldPermissionResourceRef,
          permissions: [sindriConfigFieldSetPermission],
          rules: Object.values(sindriConfigFieldRules),
          getResources: async ids =>
            ids.map(id =>
              (GUARDED_FIELD_IDS as readonly string[]).includes(id)
                ? { id }
                : undefined,
            ),
        });

        const basePath = async () =>
          new URL(await discovery.getBaseUrl('sindri')).pathname;
        httpRouter.use(
          createUpgradeMiddleware(basePath, [
            {
              path: /^\/agent\/connect$/,
              handle: (req, socket, head) =>
                sockets.handleUpgrade(req, socket, head),
            },
            {
              path: TERMINAL_PATH,
              handle: (req, socket, head, match) =>
                terminals.handleUpgrade(req, socket, head, match),
            },
          ]),
        );
        httpRouter.use(
          await createRouter({
            knex,
            registry,
            guard,
            instances,
            samples,
            ingest,
            tokens,
            catalog: deps.catalog,
            commands,
            commandStore,
            terminalAudit,
            userInfo: deps.userInfo,
            auth: deps.auth,
            deployments,
            deploymentStore,
          }),
        );
        // Health answers without credentials, like the readiness probe; agents
        // authenticate with their own tokens, checked by the routes themselves.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: '/ingest', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({
          path: '/agent/connect',
          allow: 'unauthenticated',
        });
        // Browsers cannot put a token on a WebSocket: terminals authenticate with
        // the user cookie, as TechDocs does. Every other /instances route still
        // refuses cookie (limited) credentials in its own check.
        httpRouter.addAuthPolicy({ path: '/instances', allow: 'user-cookie' });
        // One request through our own router lets the upgrade middleware find
        // the HTTP server before the first agent connects.
        deps.lifecycle.addStartupHook(async () => {
          const health = `${await discovery.getBaseUrl('sindri')}/health`;
          await fetch(health).catch(error =>
            logger.warn(`Could not reach ${health} at start-up: ${error}`),
          );
          // local instances' agents connect back to this backend: start them once it listens
          await deployments.recoverAfterStart(unfinishedDeploys);
        });

        await scheduler.scheduleTask({
          id: 'sindri-instance-status',
          scope: 'local',
          frequency: { seconds: 2 },
          timeout: { seconds: 30 },
          fn: async () => {
            for (const id of await instances.markUnresponsive()) {
              const instance = await instances.get(id);
              if (instance)
                await changes.publish({ reason: 'status', instance });
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'sindri-audit-retention',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          fn: async () => {
            const pruned = await pruneAudit(
              knex,
              new Date(Date.now() - settings.auditRetentionMs),
            );
            logger.debug(
              `Audit retention: ${JSON.stringify(pruned)} rows pruned`,
            );
          },
        });
        await scheduler.scheduleTask({
          id: 'sindri-operations-settle',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          fn: async () => {
            await deployments.settleOverdue();
          },
        });
        await scheduler.scheduleTask({
          id: 'sindri-metrics-compaction',
          frequency: { minutes: 5 },
          timeout: { minutes: 4 },
          fn: async () => {
            const { downsampled, pruned } = await samples.compact(
              settings.retention,
            );
            logger.debug(
              `Metrics compaction: ${downsampled} buckets written, ${pruned} rows pruned`,
            );
          },
        });
      },
    });
  },
});
