import { z } from 'zod';
import { AuthService, UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  createDeploymentRequestSchema,
  instanceEntityRef,
  lifecycleRequestSchema,
  OperationStreamEvent,
  sindriInstanceAuditReadPermission,
  sindriInstanceCreatePermission,
  sindriInstanceLifecyclePermission,
  sindriInstanceReadPermission,
  validateConfigRequestSchema,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse, principalRef } from '../http/parse';
import { SindriRouter } from '../http/types';
import { InstanceService } from '../instances/InstanceService';
import { DeploymentService } from './DeploymentService';
import { deploymentAccess, withoutLog } from './deploymentAccess';

export interface DeploymentRouteOptions {
  auth: AuthService;
  guard: PermissionGuard;
  userInfo: UserInfoService;
  instances: InstanceService;
  deployments: DeploymentService;
}

/**
 * Creating instances and running their lifecycle: `/deployments`,
 * `/config/validate`, `/operations/{id}` (and its NDJSON stream), and
 * `/instances/{name}/{deployment,operations,lifecycle}`.
 */
export function registerDeploymentRoutes(
  router: SindriRouter,
  options: DeploymentRouteOptions,
) {
  const { guard, deployments } = options;

  const {
    accessOf,
    requireOwnership,
    visibleOperation,
    refusedAsTooLarge,
    permittedInstance,
  } = deploymentAccess(options);

  router.get('/deployments/options', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriInstanceCreatePermission,
    );
    res.json(await deployments.options(accessOf(credentials)));
  });

  router.post('/config/validate', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriInstanceCreatePermission,
    );
    if (refusedAsTooLarge(req, res)) return;
    const { sindriYaml } = parse(validateConfigRequestSchema, req.body, '');
    const { valid, issues } = await deployments.validate(
      sindriYaml,
      accessOf(credentials),
    );
    res.json({ valid, issues });
  });

  router.post('/deployments', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriInstanceCreatePermission,
    );
    if (refusedAsTooLarge(req, res)) return;
    const body = parse(createDeploymentRequestSchema, req.body, '');
    if (body.cloneFrom)
      await guard.check(
        credentials,
        sindriInstanceReadPermission,
        instanceEntityRef(body.cloneFrom),
      );
    await requireOwnership(credentials, body.owner);
    res
      .status(202)
      .json(
        await deployments.create(
          body,
          principalRef(credentials),
          accessOf(credentials),
        ),
      );
  });

  router.get('/operations/:id', async (req, res) => {
    const { operation, withLog } = await visibleOperation(req);
    res.json(withLog ? operation : withoutLog(operation));
  });

  router.get('/operations/:id/stream', async (req, res) => {
    const { operation, withLog } = await visibleOperation(req);
    if (!withLog)
      throw new NotAllowedError(
        `not permitted: ${
          sindriInstanceAuditReadPermission.name
        } on ${instanceEntityRef(operation.instanceName)}`,
      );
    res
      .status(200)
      .setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    const write = (event: OperationStreamEvent) =>
      res.write(`${JSON.stringify(event)}\n`);
    let gone = false;
    const onClose: Array<() => void> = [];
    res.on('close', () => {
      gone = true;
      onClose.forEach(f => f());
    });
    const subscription = await deployments.operations.follow(
      operation.id,
      event => {
        if (gone) return;
        write(event);
        if (event.type === 'done') res.end();
      },
    );
    if (gone) subscription?.unsubscribe();
    else if (subscription) onClose.push(() => subscription.unsubscribe());
    else res.end();
  });

  router.get('/instances/:name/deployment', async (req, res) => {
    const { instance, credentials } = await permittedInstance(req);
    const deployment = await deployments.getDeployment(instance.id);
    if (!deployment)
      throw new NotFoundError(
        `${instance.name} was not deployed by the portal`,
      );
    const seesYaml =
      deployment.createdBy === principalRef(credentials) ||
      (await guard.allows(
        credentials,
        sindriInstanceAuditReadPermission,
        instanceEntityRef(instance.name),
      ));
    res.json(
      seesYaml
        ? deployment
        : { ...deployment, sindriYaml: undefined, sindriYamlHidden: true },
    );
  });

  router.get('/instances/:name/operations', async (req, res) => {
    const { instance, credentials } = await permittedInstance(req);
    const { limit } = parse(
      z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
      req.query,
      'query',
    );
    const audit = await guard.allows(
      credentials,
      sindriInstanceAuditReadPermission,
      instanceEntityRef(instance.name),
    );
    const me = principalRef(credentials);
    const items = await deployments.listOperations(instance.id, limit);
    res.json({
      items: items.map(op => (audit || op.actor === me ? op : withoutLog(op))),
    });
  });

  router.post('/instances/:name/lifecycle', async (req, res) => {
    const { instance, credentials } = await permittedInstance(
      req,
      sindriInstanceLifecyclePermission,
    );
    const body = parse(lifecycleRequestSchema, req.body, '');
    res
      .status(202)
      .json(
        await deployments.lifecycle(
          instance,
          body,
          principalRef(credentials),
          accessOf(credentials),
        ),
      );
  });
}
