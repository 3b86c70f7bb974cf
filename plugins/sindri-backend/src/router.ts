import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { z } from 'zod';
import { UserInfoService, AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  HealthResponse,
  INGEST_LIMITS,
  ingestRequestSchema,
  instanceEntityRef,
  instanceNameSchema,
  ownerRefSchema,
  sindriEnrollmentManagePermission,
  sindriInstanceAuditReadPermission,
  sindriInstanceReadPermission,
  TERMINAL_INPUT_VIEW_CHARS,
  TerminalSessionInput,
} from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { PermissionGuard, userRefOf } from './auth/PermissionGuard';
import { TokenSweeper } from './tokens/TokenSweeper';
import { checkDatabase } from './database/health';
import { InstanceStore } from './database/InstanceStore';
import { Resolution, SampleStore } from './database/SampleStore';
import { IngestService } from './ingest/IngestService';
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
  guard: PermissionGuard;
  instances: InstanceStore;
  samples: SampleStore;
  ingest: IngestService;
  /** ends agent connections whose token was revoked or rotated */
  tokens: TokenSweeper;
  catalog: CatalogService;
  commands: CommandService;
  commandStore: CommandStore;
  terminalAudit: TerminalAuditStore;
  userInfo: UserInfoService;
  auth: AuthService;
  deployments: DeploymentService;
  deploymentStore: DeploymentStore;
}

const enrollmentSchema = z.object({
  name: instanceNameSchema,
  owner: ownerRefSchema,
});

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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { knex, registry, guard, instances, samples, ingest } = options;
  const router = Router();
  router.use(express.json({ limit: INGEST_LIMITS.maxFrameBytes }));

  /** The named instance, once the caller may read it: permission first, so a name's existence is not revealed. */
  async function readableInstance(req: express.Request) {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    const credentials = await guard.require(
      req,
      sindriInstanceReadPermission,
      instanceEntityRef(name),
    );
    const instance = await instances.getByName(name);
    if (!instance?.registeredAt)
      throw new NotFoundError(`no registered instance named ${name}`);
    return { instance, credentials };
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
  // each frame is judged alone: the results say, in order, which were stored and why the others were not
  router.post('/ingest', async (req, res) => {
    const agent = await instances
      .authenticate(bearerToken(req.headers.authorization))
      .catch(() => null);
    if (agent === null) {
      res.status(503).json({
        error: {
          name: 'ServiceUnavailable',
          message: 'the portal cannot check agent tokens now; try again',
        },
      });
      return;
    }
    if (!agent) {
      res.status(401).json({
        error: {
          name: 'AuthenticationError',
          message: 'Authorization: missing, malformed or revoked agent token',
        },
      });
      return;
    }
    const body = parse(ingestRequestSchema, req.body, '');
    const results = [];
    for (const [i, frame] of body.frames.entries())
      results.push((await ingest.receive(agent, frame, `frames.${i}`)).answer);
    res.json({ results });
  });

  router.post('/enrollments', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriEnrollmentManagePermission,
    );
    const body = parse(enrollmentSchema, req.body, '');
    const createdBy = principalRef(credentials);
    const { instanceId, token } = await instances.enroll({
      ...body,
      createdBy,
    });
    res
      .status(201)
      .json({ instanceId, name: body.name, owner: body.owner, token });
  });

  router.get('/enrollments', async (req, res) => {
    await guard.require(req, sindriEnrollmentManagePermission);
    res.json({ items: await instances.listEnrollments() });
  });

  router.post('/enrollments/:instanceId/rotate', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriEnrollmentManagePermission,
    );
    const instanceId = parse(z.uuid(), req.params.instanceId, 'instanceId');
    const createdBy = principalRef(credentials);
    const rotated = await instances.rotate(instanceId, createdBy);
    await options.tokens.sweep();
    res.json(rotated);
  });

  router.delete('/enrollments/:instanceId', async (req, res) => {
    await guard.require(req, sindriEnrollmentManagePermission);
    await instances.revoke(
      parse(z.uuid(), req.params.instanceId, 'instanceId'),
    );
    await options.tokens.sweep();
    res.status(204).end();
  });

  router.get('/instances', async (req, res) => {
    const filter = await guard.instanceFilter(
      await guard.credentials(req),
      sindriInstanceReadPermission,
    );
    if (filter.kind === 'none')
      throw new NotAllowedError(
        `not permitted: ${sindriInstanceReadPermission.name}`,
      );
    res.json({
      items: await instances.listRegistered(
        filter.kind === 'some' ? filter.criteria : undefined,
      ),
    });
  });

  router.get('/instances/:name', async (req, res) => {
    res.json((await readableInstance(req)).instance);
  });

  router.get('/instances/:name/metrics', async (req, res) => {
    const { instance } = await readableInstance(req);
    const query = parse(metricsQuerySchema, req.query, 'query');
    const range = RANGES[query.range];
    const to = new Date();
    const resolution = query.resolution ?? range.resolution;
    const { items, truncated } = await samples.metricsSeries(instance.id, {
      from: new Date(to.getTime() - range.ms),
      to,
      resolution,
    });
    res.json({
      range: query.range,
      resolution,
      from: new Date(to.getTime() - range.ms).toISOString(),
      to: to.toISOString(),
      items,
      ...(truncated ? { truncated } : {}),
    });
  });

  router.get('/instances/:name/events', async (req, res) => {
    const { instance } = await readableInstance(req);
    const query = parse(eventsQuerySchema, req.query, 'query');
    res.json({
      items: await samples.events(instance.id, {
        limit: query.limit,
        before: query.before ? new Date(query.before) : undefined,
      }),
    });
  });

  router.get('/instances/:name/terminal-sessions', async (req, res) => {
    const { instance, credentials } = await readableInstance(req);
    const { limit } = parse(
      z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      req.query,
      'query',
    );
    // session ids re-attach to live shells: a reader sees their own, the audit reader everyone's
    const everyone = await guard.allows(
      credentials,
      sindriInstanceAuditReadPermission,
      instanceEntityRef(instance.name),
    );
    const openedBy = everyone ? undefined : userRefOf(credentials) ?? '';
    res.json({
      items: await options.terminalAudit.list(instance.id, {
        instanceName: instance.name,
        limit,
        openedBy,
      }),
    });
  });

  // keystrokes are what was typed, passwords included: audit readers only, and marked sensitive
  router.get(
    '/instances/:name/terminal-sessions/:id/input',
    async (req, res) => {
      const { instance, credentials } = await readableInstance(req);
      await guard.check(
        credentials,
        sindriInstanceAuditReadPermission,
        instanceEntityRef(instance.name),
      );
      const id = parse(z.uuid(), req.params.id, 'id');
      if (!(await options.terminalAudit.get(instance.id, id)))
        throw new NotFoundError(
          `no terminal session ${id} on ${instance.name}`,
        );
      const { text, truncated } = await options.terminalAudit.input(
        id,
        TERMINAL_INPUT_VIEW_CHARS,
      );
      const body: TerminalSessionInput = {
        id,
        sensitive: true,
        input: text,
        truncated,
      };
      res.set('Cache-Control', 'no-store').json(body);
    },
  );

  router.use(
    createCommandRoutes({
      guard,
      catalog: options.catalog,
      instances,
      commands: options.commands,
      store: options.commandStore,
    }),
  );

  router.use(
    createDeploymentRoutes({
      auth: options.auth,
      guard,
      userInfo: options.userInfo,
      instances,
      deployments: options.deployments,
      store: options.deploymentStore,
    }),
  );

  // body-parser errors are the client's: say so instead of answering 500
  router.use(
    (
      error: any,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error?.type === 'entity.too.large') {
        // the rest of the body is not read: the connection closes after the answer instead of hanging on it
        res.set('Connection', 'close');
        res.status(413).json({
          error: {
            name: 'PayloadTooLarge',
            message: `body: larger than the ${INGEST_LIMITS.maxFrameBytes} byte limit`,
          },
        });
      } else if (error?.type === 'entity.parse.failed') {
        res.status(400).json({
          error: {
            name: 'InputError',
            message: '(root): the body is not valid JSON',
          },
        });
      } else {
        next(error);
      }
    },
  );

  return router;
}
