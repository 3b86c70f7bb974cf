import express from 'express';
import { z } from 'zod';
import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  createDeploymentRequestSchema,
  GuardedFieldId,
  instanceEntityRef,
  instanceNameSchema,
  lifecycleRequestSchema,
  LifecycleOperation,
  MAX_SINDRI_YAML_BYTES,
  OperationStreamEvent,
  sindriConfigFieldSetPermission,
  sindriDriverUsePermission,
  sindriEnrollmentManagePermission,
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
import { DeployAccess, DeploymentService } from './DeploymentService';

export interface DeploymentRouteOptions {
  auth: AuthService;
  guard: PermissionGuard;
  userInfo: UserInfoService;
  instances: InstanceService;
  deployments: DeploymentService;
}

/** An operation without what only its author and audit readers see: its log and the driver's message. */
const withoutLog = (op: LifecycleOperation): LifecycleOperation => {
  const { message: _message, ...rest } = op;
  return { ...rest, log: [], logHidden: true };
};

/**
 * Creating instances and running their lifecycle: `/deployments`,
 * `/config/validate`, `/operations/{id}` (and its NDJSON stream), and
 * `/instances/{name}/{deployment,operations,lifecycle}`.
 */
export function registerDeploymentRoutes(
  router: SindriRouter,
  options: DeploymentRouteOptions,
) {
  const { auth, guard, userInfo, instances, deployments } = options;

  /** What these credentials may deploy with: drivers and guarded fields, as the policy says. */
  const accessOf = (credentials: BackstageCredentials): DeployAccess => ({
    mayUseDriver: id =>
      guard.allows(credentials, sindriDriverUsePermission, id),
    allowedFields: async ids =>
      new Set([
        ...(await guard.allowedRefs(
          credentials,
          sindriConfigFieldSetPermission,
          ids,
        )),
      ] as GuardedFieldId[]),
  });

  /** A user creates instances owned by themselves or their groups; an admin (enrollment managers) for anyone. */
  async function requireOwnership(
    credentials: BackstageCredentials,
    owner: string,
  ) {
    if (!auth.isPrincipal(credentials, 'user')) return;
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    if (
      ownershipEntityRefs
        .map(r => r.toLocaleLowerCase('en-US'))
        .includes(owner.toLocaleLowerCase('en-US'))
    )
      return;
    if (!(await guard.allows(credentials, sindriEnrollmentManagePermission))) {
      throw new NotAllowedError(
        `owner: you may create instances owned by yourself or your groups, not ${owner}`,
      );
    }
  }

  /** Whether the caller sees an instance operation's log: its author, or an audit reader of the instance. */
  async function seesLog(
    credentials: BackstageCredentials,
    operation: LifecycleOperation,
  ) {
    return (
      operation.actor === principalRef(credentials) ||
      guard.allows(
        credentials,
        sindriInstanceAuditReadPermission,
        instanceEntityRef(operation.instanceName),
      )
    );
  }

  /**
   * The operation if the caller may see it: a plan is its author's (and
   * enrollment managers'); an instance's operation needs read on the
   * instance, and its log audit read (or to be its author).
   */
  async function visibleOperation(
    req: express.Request<{ id: string }>,
  ): Promise<{ operation: LifecycleOperation; withLog: boolean }> {
    const id = parse(z.uuid(), req.params.id, 'id');
    const credentials = await guard.credentials(req);
    const operation = await deployments.getOperation(id);
    if (!operation) throw new NotFoundError(`no operation ${id}`);
    if (operation.kind === 'plan') {
      await guard.check(credentials, sindriInstanceCreatePermission);
      if (
        principalRef(credentials) !== operation.actor &&
        !(await guard.allows(credentials, sindriEnrollmentManagePermission))
      ) {
        throw new NotFoundError(`no operation ${id}`);
      }
      return { operation, withLog: true };
    }
    await guard.check(
      credentials,
      sindriInstanceReadPermission,
      instanceEntityRef(operation.instanceName),
    );
    return { operation, withLog: await seesLog(credentials, operation) };
  }

  /** A sindri.yaml over the limit (in bytes) is answered 413; returns whether it was. */
  function refusedAsTooLarge(
    req: express.Request,
    res: express.Response,
  ): boolean {
    const text = req.body?.sindriYaml;
    if (
      typeof text !== 'string' ||
      Buffer.byteLength(text, 'utf8') <= MAX_SINDRI_YAML_BYTES
    )
      return false;
    res.status(413).json({
      error: {
        name: 'PayloadTooLarge',
        message: `sindriYaml: larger than the ${MAX_SINDRI_YAML_BYTES} byte limit`,
      },
    });
    return true;
  }

  /** The named instance once the caller has `permission` on it: permission first, so a name's existence is not revealed. */
  async function permittedInstance(
    req: express.Request<{ name: string }, any, any, any>,
    permission = sindriInstanceReadPermission,
  ) {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    const credentials = await guard.require(
      req,
      permission,
      instanceEntityRef(name),
    );
    return { instance: await instances.getEnrolled(name), credentials };
  }

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
