import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { z } from 'zod';
import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
  AuthService,
} from '@backstage/backend-plugin-api';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  HealthResponse,
  INGEST_LIMITS,
  ingestRequestSchema,
  instanceNameSchema,
  ownerRefSchema,
  sindriEnrollmentManagePermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import {
  SindriRegistryService,
  sindriInstancePermissionResourceRef,
} from '@internal/plugin-sindri-node';
import { checkDatabase } from './database/health';
import { InstanceStore } from './database/InstanceStore';
import { Resolution, SampleStore } from './database/SampleStore';
import { IngestService } from './ingest/IngestService';
import { RateLimiter } from './ingest/RateLimiter';
import { bearerToken } from './tokens/agentToken';
import { parse, principalRef } from './http';
import { createCommandRoutes } from './commands/commandRoutes';
import { CommandService } from './commands/CommandService';
import { CommandStore } from './commands/CommandStore';
import { TerminalAuditStore } from './terminal/TerminalAuditStore';
import { createDeploymentRoutes } from './deployments/deploymentRoutes';
import { DeploymentService } from './deployments/DeploymentService';
import { DeploymentStore } from './deployments/DeploymentStore';

export interface RouterOptions {
  knex: Knex;
  registry: SindriRegistryService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  instances: InstanceStore;
  samples: SampleStore;
  ingest: IngestService;
  limiter: RateLimiter;
  catalog: CatalogService;
  commands: CommandService;
  commandStore: CommandStore;
  terminalAudit: TerminalAuditStore;
  userInfo: UserInfoService;
  auth: AuthService;
  deployments: DeploymentService;
  deploymentStore: DeploymentStore;
}

const enrollmentSchema = z.object({ name: instanceNameSchema, owner: ownerRefSchema });

const RANGES: Record<string, { ms: number; resolution: Resolution }> = {
  '1h': { ms: 3_600_000, resolution: 'raw' },
  '24h': { ms: 86_400_000, resolution: '5m' },
  '7d': { ms: 7 * 86_400_000, resolution: '1h' },
};

const metricsQuerySchema = z.object({
  range: z.enum(Object.keys(RANGES) as [string, ...string[]]).default('1h'),
  resolution: z.enum(['raw', '5m', '1h']).optional(),
});

const eventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime({ offset: true }).optional(),
});

const instanceRef = (name: string) => stringifyEntityRef({ kind: 'resource', name });

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { knex, registry, httpAuth, permissions, permissionsRegistry, instances, samples, ingest, limiter } = options;
  const toInstanceCriteria = () => createConditionTransformer(permissionsRegistry.getPermissionRuleset(sindriInstancePermissionResourceRef));
  const router = Router();
  router.use(express.json({ limit: INGEST_LIMITS.maxFrameBytes }));

  async function requireBasic(req: express.Request, permission: typeof sindriEnrollmentManagePermission): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not permitted: ${permission.name}`);
    return credentials;
  }

  async function readableInstance(req: express.Request) {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize(
      [{ permission: sindriInstanceReadPermission, resourceRef: instanceRef(name) }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not permitted: ${sindriInstanceReadPermission.name}`);
    const instance = await instances.getByName(name);
    if (!instance?.registeredAt) throw new NotFoundError(`no registered instance named ${name}`);
    return instance;
  }

  router.get('/health', async (_req, res) => {
    const database = await checkDatabase(knex);
    const body: HealthResponse = {
      status: database.reachable ? 'ok' : 'degraded',
      database,
      registry: {
        extensions: registry.listExtensions().length,
        profiles: registry.listProfiles().length,
      },
    };
    res.status(database.reachable ? 200 : 503).json(body);
  });

  // Agents: authenticated by their own token, not by Backstage credentials.
  router.post('/ingest', async (req, res) => {
    const agent = await instances.authenticate(bearerToken(req.headers.authorization));
    if (!agent) {
      res.status(401).json({ error: { name: 'AuthenticationError', message: 'Authorization: missing, malformed or revoked agent token' } });
      return;
    }
    const body = parse(ingestRequestSchema, req.body, '');
    if (!limiter.take(agent.instanceId, body.frames.length)) {
      res.status(429).json({ error: { name: 'TooManyRequests', message: 'frames: rate limit exceeded; slow down' } });
      return;
    }
    const results = [];
    for (const frame of body.frames) results.push(await ingest.handle(agent, frame));
    res.json({ results });
  });

  router.post('/enrollments', async (req, res) => {
    const credentials = await requireBasic(req, sindriEnrollmentManagePermission);
    const body = parse(enrollmentSchema, req.body, '');
    const createdBy = principalRef(credentials);
    const { instanceId, token } = await instances.enroll({ ...body, createdBy });
    res.status(201).json({ instanceId, name: body.name, owner: body.owner, token });
  });

  router.get('/enrollments', async (req, res) => {
    await requireBasic(req, sindriEnrollmentManagePermission);
    res.json({ items: await instances.listEnrollments() });
  });

  router.post('/enrollments/:instanceId/rotate', async (req, res) => {
    const credentials = await requireBasic(req, sindriEnrollmentManagePermission);
    const instanceId = parse(z.uuid(), req.params.instanceId, 'instanceId');
    const createdBy = principalRef(credentials);
    res.json(await instances.rotate(instanceId, createdBy));
  });

  router.delete('/enrollments/:instanceId', async (req, res) => {
    await requireBasic(req, sindriEnrollmentManagePermission);
    await instances.revoke(parse(z.uuid(), req.params.instanceId, 'instanceId'));
    res.status(204).end();
  });

  router.get('/instances', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorizeConditional([{ permission: sindriInstanceReadPermission }], { credentials });
    if (decision.result === AuthorizeResult.DENY) throw new NotAllowedError(`not permitted: ${sindriInstanceReadPermission.name}`);
    const criteria = decision.result === AuthorizeResult.CONDITIONAL ? toInstanceCriteria()(decision.conditions) : undefined;
    res.json({ items: await instances.listRegistered(criteria) });
  });

  router.get('/instances/:name', async (req, res) => {
    res.json(await readableInstance(req));
  });

  router.get('/instances/:name/metrics', async (req, res) => {
    const instance = await readableInstance(req);
    const query = parse(metricsQuerySchema, req.query, 'query');
    const range = RANGES[query.range];
    const to = new Date();
    const resolution = query.resolution ?? range.resolution;
    const items = await samples.metricsSeries(instance.id, { from: new Date(to.getTime() - range.ms), to, resolution });
    res.json({ range: query.range, resolution, from: new Date(to.getTime() - range.ms).toISOString(), to: to.toISOString(), items });
  });

  router.get('/instances/:name/events', async (req, res) => {
    const instance = await readableInstance(req);
    const query = parse(eventsQuerySchema, req.query, 'query');
    res.json({ items: await samples.events(instance.id, { limit: query.limit, before: query.before ? new Date(query.before) : undefined }) });
  });

  router.get('/instances/:name/terminal-sessions', async (req, res) => {
    const instance = await readableInstance(req);
    const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }), req.query, 'query');
    res.json({ items: await options.terminalAudit.list(instance.id, { instanceName: instance.name, limit }) });
  });

  router.use(
    createCommandRoutes({
      toInstanceCriteria,
      httpAuth,
      permissions,
      catalog: options.catalog,
      instances,
      commands: options.commands,
      store: options.commandStore,
    }),
  );

  router.use(
    createDeploymentRoutes({
      auth: options.auth,
      httpAuth,
      permissions,
      userInfo: options.userInfo,
      instances,
      deployments: options.deployments,
      store: options.deploymentStore,
    }),
  );

  // body-parser errors are the client's: say so instead of answering 500
  router.use((error: any, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error?.type === 'entity.too.large') {
      res.status(413).json({ error: { name: 'PayloadTooLarge', message: `body: larger than the ${INGEST_LIMITS.maxFrameBytes} byte limit` } });
    } else if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { name: 'InputError', message: '(root): the body is not valid JSON' } });
    } else {
      next(error);
    }
  });

  return router;
}
