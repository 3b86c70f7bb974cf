import os from 'node:os';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import express from 'express';
import {
  AuthService,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  checkLocalDriverListen,
  SindriCostSource,
  SindriDriver,
  sindriInstancePermissionResourceRef,
  SindriRegistryService,
} from '@internal/plugin-sindri-node';
import { AgentBundleService } from '../agents/AgentBundleService';
import { PermissionGuard } from '../auth/PermissionGuard';
import { CommandService } from '../commands/CommandService';
import { CommandStore } from '../commands/CommandStore';
import { CommandTargets } from '../commands/CommandTargets';
import { readSindriBackendConfig } from '../config';
import { InstanceStore } from '../database/InstanceStore';
import { migrateUp } from '../database/migrations';
import { SampleStore } from '../database/SampleStore';
import { SampleWriter } from '../database/SampleWriter';
import { DeploymentService } from '../deployments/DeploymentService';
import { ConfigVersionStore } from '../configVersions/ConfigVersionStore';
import { ConfigService } from '../configVersions/ConfigService';
import { DriftService } from '../drift/DriftService';
import { DriftStore } from '../drift/DriftStore';
import { createCostService } from '../cost/createCostService';
import { BudgetGate } from '../budgets/BudgetGate';
import { BudgetService } from '../budgets/BudgetService';
import { BudgetStore } from '../budgets/BudgetStore';
import { readUsageSettings } from '../usage/readUsageSettings';
import { UsageService } from '../usage/UsageService';
import { UsageStore } from '../usage/UsageStore';
import { createSecurity } from '../security/createSecurity';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { createDrivers } from '../drivers/createDrivers';
import { EnrollmentService } from '../enrollments/EnrollmentService';
import { HealthService } from '../health/HealthService';
import { UpgradeRoute } from '../http/upgradeMiddleware';
import { IngestService } from '../ingest/IngestService';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { RateLimiter } from '../ingest/RateLimiter';
import { InstanceService } from '../instances/InstanceService';
import { registerSindriPermissions } from '../permissions/registerPermissions';
import { TerminalAuditStore } from '../terminal/TerminalAuditStore';
import { TerminalSessionService } from '../terminal/TerminalSessionService';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { createLiveChannel } from './createLiveChannel';
import { createRouter } from './router';
import { SindriTask, sindriTasks } from './scheduledTasks';
import { EventService } from '../events/EventService';
import { EventStore } from '../events/EventStore';
import { FleetMetrics } from '../metrics/FleetMetrics';
import { AvailabilityStore } from '../fleet/AvailabilityStore';
import { FleetSummaryService } from '../fleet/FleetSummaryService';
import { FleetSummaryStore } from '../fleet/FleetSummaryStore';
import { ExtensionService } from '../extensions/ExtensionService';
import { ExtensionUsageStore } from '../extensions/ExtensionUsageStore';
import { createAlerts } from '../alerts/createAlerts';
import { LogStore } from '../logs/LogStore';
import { LogTail } from '../logs/LogTail';
import { LinkDirectory } from '../live/LinkDirectory';
import { ReplicaLease } from '../replicas/ReplicaLease';
import { ReplicaRecovery } from '../replicas/ReplicaRecovery';
import { replicaTasks } from '../replicas/replicaTasks';
import { ReplicaStore } from '../replicas/ReplicaStore';

/** What the plugin hands the builder: Backstage's services. */
export interface SindriBuilderEnv {
  config: RootConfigService;
  database: DatabaseService;
  discovery: DiscoveryService;
  events: EventsService;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  notifications: NotificationService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  registry: SindriRegistryService;
  userInfo: UserInfoService;
}

/** What the plugin serves and runs, for its wiring to hand to Backstage. */
export interface SindriBackend {
  router: express.Router;
  /** WebSocket routes below the plugin's base path */
  upgrades: UpgradeRoute[];
  tasks: SindriTask[];
  /** The HTTP server is known: this replica tells the others how to reach it. */
  listening(server: Server): Promise<void>;
  /** once the backend listens */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the Sindri backend from Backstage's services: stores, services,
 * the live channel, drivers, permissions, routes and periodic tasks.
 */
export class SindriBuilder {
  private readonly addedDrivers: SindriDriver[] = [];

  constructor(private readonly env: SindriBuilderEnv) {}

  /** Drivers other modules added through the drivers extension point. */
  addDrivers(drivers: SindriDriver[]): this {
    this.addedDrivers.push(...drivers);
    return this;
  }

  private readonly costSources: SindriCostSource[] = [];

  /** Billing sources that replace the list-price estimate for their providers. */
  addCostSources(sources: SindriCostSource[]): this {
    this.costSources.push(...sources);
    return this;
  }

  async build(): Promise<SindriBackend> {
    const { env } = this;
    const { config, logger, registry } = env;
    const settings = readSindriBackendConfig(config);
    checkLocalDriverListen(config);
    const knex = await env.database.getClient();
    if (!env.database.migrations?.skip) await migrateUp(knex);
    logger.info(
      `Sindri registry: ${registry.listExtensions().length} extensions, ${
        registry.listProfiles().length
      } profiles`,
    );

    const instances = new InstanceStore(knex);
    const samples = new SampleStore(knex);
    const tokenStore = new AgentTokenStore(knex);
    const terminalAudit = new TerminalAuditStore(knex);
    const changes = new InstanceChanges(env.events, logger);
    const events = new EventService(new EventStore(knex), logger);
    const metrics = new FleetMetrics(knex);
    const logs = new LogStore(knex);
    const logTail = new LogTail(logs);
    const drivers = createDrivers(settings, logger, this.addedDrivers);
    const replicas = new ReplicaStore(knex);
    const lease = new ReplicaLease(replicas, {
      leaseMs: settings.replicas.leaseMs,
      logger,
    });
    await lease.register();
    const deploymentStore = new DeploymentStore(knex, lease.id);
    const configVersions = new ConfigVersionStore(knex);
    const drift = new DriftService({
      store: new DriftStore(knex),
      instances,
      deployments: deploymentStore,
      versions: configVersions,
      drivers: drivers.registry,
      registry,
      events,
      logger,
    });
    const security = createSecurity({
      knex,
      config,
      logger,
      instances,
      deployments: deploymentStore,
      tokens: tokenStore,
      registry,
    });
    const ingest = new IngestService(
      instances,
      events,
      new SampleWriter(knex),
      logs,
      changes,
      logger,
      new RateLimiter(
        settings.rateLimit.framesPerSecond,
        settings.rateLimit.burst,
      ),
      (type, result) => metrics.countFrame(type, result),
      instanceId => drift.check(instanceId),
      (instanceId, part) => security.inventories.receivePart(instanceId, part),
    );
    const guard = new PermissionGuard({
      httpAuth: env.httpAuth,
      permissions: env.permissions,
      toInstanceCriteria: () =>
        createConditionTransformer(
          env.permissionsRegistry.getPermissionRuleset(
            sindriInstancePermissionResourceRef,
          ),
        ),
    });
    const live = createLiveChannel({
      ...env,
      settings,
      guard,
      instances,
      tokenStore,
      ingest,
      changes,
      terminalAudit,
      events,
      auth: env.auth,
      replicaId: lease.id,
      directory: new LinkDirectory(knex, lease.id, logger),
    });

    const commandStore = new CommandStore(knex, lease.id);
    const commands = new CommandService(
      live.links,
      commandStore,
      events,
      logger,
    );

    const usageStore = new UsageStore(knex);
    const cost = createCostService({
      knex,
      config,
      instances,
      deployments: deploymentStore,
      activity: usageStore,
      sources: this.costSources,
    });
    const budgets = new BudgetService({ store: new BudgetStore(knex), cost });
    const usage = new UsageService({
      store: usageStore,
      cost,
      settings: readUsageSettings(config),
    });
    const alerts = createAlerts({
      ...env,
      knex,
      events,
      budgets: now => budgets.list(undefined, now),
    });

    const deployments = new DeploymentService({
      drivers: drivers.registry,
      instances,
      tokens: tokenStore,
      store: deploymentStore,
      versions: configVersions,
      events,
      changes,
      registry,
      logger,
      entityVisible: async entityRef =>
        Boolean(
          await env.catalog.getEntityByRef(entityRef, {
            credentials: await env.auth.getOwnServiceCredentials(),
          }),
        ),
      onRemoved: instanceId => {
        ingest.forget(instanceId);
        live.links.get(instanceId)?.close(4410, 'the instance was destroyed');
        void live.sweeper.sweep();
      },
      onTokenRotated: () => live.sweeper.sweep(),
      spendGate: new BudgetGate(budgets),
      settings: {
        ...settings.deployments,
        // agents address the backend's root: they add /api/sindri themselves
        consoleUrl: async () =>
          settings.deployments.consoleUrl ??
          new URL(await env.discovery.getExternalBaseUrl('sindri')).origin,
      },
    });
    const recovery = new ReplicaRecovery({
      lease,
      replicas,
      deployments: deployments.recovery,
      commands: commandStore,
      logger,
    });
    // before any route serves: what stopped replicas left is settled now
    const leftBehind = await recovery.settleAtStart();
    registerSindriPermissions(env.permissionsRegistry, {
      instances,
      drivers: drivers.registry,
    });

    const router = await createRouter({
      guard,
      auth: env.auth,
      userInfo: env.userInfo,
      health: new HealthService(knex, registry),
      agentBundles: new AgentBundleService(settings.agents.bundleDir),
      ingest,
      tokens: tokenStore,
      enrollments: new EnrollmentService({
        instances,
        tokens: tokenStore,
        sweeper: live.sweeper,
      }),
      instances: new InstanceService(instances, samples),
      events,
      metrics,
      fleet: new FleetSummaryService(new FleetSummaryStore(knex)),
      extensions: new ExtensionService(registry, new ExtensionUsageStore(knex)),
      terminalSessions: new TerminalSessionService(terminalAudit),
      commands,
      commandTargets: new CommandTargets({
        instances,
        catalog: env.catalog,
        guard,
      }),
      deployments,
      config: new ConfigService({
        versions: configVersions,
        deployments,
        drift,
      }),
      drift,
      cost,
      usage,
      security: security.service,
      budgets,
      alerts: alerts.service,
      logs,
      logTail,
    });

    return {
      router,
      upgrades: live.upgrades,
      tasks: [
        ...sindriTasks({
          knex,
          settings,
          logger,
          instances,
          samples,
          changes,
          deployments,
          events,
          availability: new AvailabilityStore(knex),
          logs,
        }),
        ...replicaTasks(lease, recovery),
        alerts.task,
        security.task,
      ],
      listening: async (server: Server) => {
        const port = (server.address() as AddressInfo).port;
        const base = new URL(await env.discovery.getBaseUrl('sindri')).pathname;
        await lease.setInternalUrl(
          settings.replicas.internalUrl ??
            `http://${os.hostname()}:${port}${base}`,
        );
      },
      start: async () => {
        // local instances' agents connect back to this backend: start them once it listens
        await deployments.recovery.recover(leftBehind.deploys, leftBehind.gone);
      },
      stop: async () => {
        logTail.close();
        await live.close();
        await deployments.shutdown();
        await drivers.shutdown();
        await lease.release();
      },
    };
  }
}
