import express from 'express';
import { INGEST_LIMITS } from '@internal/plugin-sindri-common';
import { registerAgentBundleRoutes } from '../agents/agentBundleRoutes';
import { AgentBundleService } from '../agents/AgentBundleService';
import { PermissionGuard } from '../auth/PermissionGuard';
import { registerCommandRoutes } from '../commands/commandRoutes';
import { CommandService } from '../commands/CommandService';
import { CommandTargets } from '../commands/CommandTargets';
import { DeploymentService } from '../deployments/DeploymentService';
import { registerDeploymentRoutes } from '../deployments/deploymentRoutes';
import { registerConfigRoutes } from '../configVersions/configRoutes';
import { ConfigService } from '../configVersions/ConfigService';
import { DriftService } from '../drift/DriftService';
import { registerCostRoutes } from '../cost/costRoutes';
import { registerBudgetRoutes } from '../budgets/budgetRoutes';
import { BudgetService } from '../budgets/BudgetService';
import { CostService } from '../cost/CostService';
import { UsageService } from '../usage/UsageService';
import { SecurityService } from '../security/SecurityService';
import { registerSecurityRoutes } from '../security/securityRoutes';
import { registerEnrollmentRoutes } from '../enrollments/enrollmentRoutes';
import { EnrollmentService } from '../enrollments/EnrollmentService';
import { registerHealthRoutes } from '../health/healthRoutes';
import { HealthService } from '../health/HealthService';
import { bodyParserErrors, validatorErrors } from '../http/clientErrors';
import { agentAuthentication } from '../ingest/agentAuthentication';
import { registerIngestRoutes } from '../ingest/ingestRoutes';
import { IngestService } from '../ingest/IngestService';
import { registerInstanceRoutes } from '../instances/instanceRoutes';
import { registerEventRoutes } from '../events/eventRoutes';
import { EventService } from '../events/EventService';
import { FleetMetrics } from '../metrics/FleetMetrics';
import { registerMetricsRoutes } from '../metrics/metricsRoutes';
import { registerFleetRoutes } from '../fleet/fleetRoutes';
import { registerExtensionRoutes } from '../extensions/extensionRoutes';
import { ExtensionService } from '../extensions/ExtensionService';
import { FleetSummaryService } from '../fleet/FleetSummaryService';
import { InstanceService } from '../instances/InstanceService';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { registerTerminalSessionRoutes } from '../terminal/terminalSessionRoutes';
import { TerminalSessionService } from '../terminal/TerminalSessionService';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { registerAlertRoutes } from '../alerts/alertRoutes';
import { AlertService } from '../alerts/AlertService';
import { registerLogRoutes } from '../logs/logRoutes';
import { LogStore } from '../logs/LogStore';
import { LogTail } from '../logs/LogTail';
import type {
  AuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';

/** What the routes call: services only. */
export interface RouterOptions {
  guard: PermissionGuard;
  auth: AuthService;
  userInfo: UserInfoService;
  health: HealthService;
  agentBundles: AgentBundleService;
  ingest: IngestService;
  tokens: AgentTokenStore;
  enrollments: EnrollmentService;
  instances: InstanceService;
  events: EventService;
  metrics: FleetMetrics;
  fleet: FleetSummaryService;
  extensions: ExtensionService;
  terminalSessions: TerminalSessionService;
  commands: CommandService;
  commandTargets: CommandTargets;
  deployments: DeploymentService;
  config: ConfigService;
  drift: DriftService;
  cost: CostService;
  usage: UsageService;
  security: SecurityService;
  budgets: BudgetService;
  alerts: AlertService;
  logs: LogStore;
  logTail: LogTail;
}

/**
 * The plugin's HTTP API, validated against its OpenAPI spec before any route
 * runs: a request the spec forbids is a 400 naming the field.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    // credentials are Backstage's (httpAuth) and the agent token's, checked by each route's guard
    validatorOptions: { validateSecurity: false },
    middleware: [
      express.json({ limit: INGEST_LIMITS.maxFrameBytes }),
      // Express takes error handlers in a middleware list; its types do not say so
      bodyParserErrors() as unknown as express.RequestHandler,
      agentAuthentication(options.tokens),
    ],
  });
  const { guard } = options;
  registerHealthRoutes(router, options.health);
  registerAgentBundleRoutes(router, options.agentBundles);
  registerIngestRoutes(router, options);
  registerEnrollmentRoutes(router, options);
  registerInstanceRoutes(router, options);
  registerEventRoutes(router, options);
  registerMetricsRoutes(router, options);
  registerFleetRoutes(router, options);
  registerExtensionRoutes(router, options);
  registerTerminalSessionRoutes(router, {
    guard,
    instances: options.instances,
    sessions: options.terminalSessions,
  });
  registerCommandRoutes(router, {
    guard,
    targets: options.commandTargets,
    commands: options.commands,
  });
  registerDeploymentRoutes(router, options);
  registerConfigRoutes(router, options);
  registerCostRoutes(router, options);
  registerBudgetRoutes(router, options);
  registerSecurityRoutes(router, options);
  registerAlertRoutes(router, options);
  registerLogRoutes(router, options);
  router.use(validatorErrors());
  return router;
}
