import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission, ResourcePermission } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  createDeploymentRequestSchema,
  instanceNameSchema,
  lifecycleRequestSchema,
  LifecycleOperation,
  MAX_SINDRI_YAML_BYTES,
  OperationStreamEvent,
  sindriEnrollmentManagePermission,
  sindriInstanceCreatePermission,
  sindriInstanceLifecyclePermission,
  sindriInstanceReadPermission,
  validateConfigRequestSchema,
} from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { parse, principalRef } from '../http';
import { DeploymentService } from './DeploymentService';
import { DeploymentStore } from './DeploymentStore';

export interface DeploymentRouteOptions {
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  instances: InstanceStore;
  deployments: DeploymentService;
  store: DeploymentStore;
}

const ref = (name: string) => stringifyEntityRef({ kind: 'resource', namespace: 'default', name });

/**
 * Creating instances and running their lifecycle: `/deployments`,
 * `/config/validate`, `/operations/{id}` (and its NDJSON stream), and
 * `/instances/{name}/{deployment,operations,lifecycle}`.
 */
export function createDeploymentRoutes(options: DeploymentRouteOptions): express.Router {
  const { auth, httpAuth, permissions, userInfo, instances, deployments, store } = options;
  const router = Router();

  async function authorized(req: express.Request, permission: BasicPermission | ResourcePermission, resourceRef?: string): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize([resourceRef ? { permission: permission as ResourcePermission, resourceRef } : { permission: permission as BasicPermission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not permitted: ${permission.name}`);
    return credentials;
  }

  /** A user creates instances owned by themselves or their groups; an admin (enrollment managers) for anyone. */
  async function requireOwnership(credentials: BackstageCredentials, owner: string) {
    if (!auth.isPrincipal(credentials, 'user')) return;
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    if (ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')).includes(owner.toLocaleLowerCase('en-US'))) return;
    const [admin] = await permissions.authorize([{ permission: sindriEnrollmentManagePermission }], { credentials });
    if (admin.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`owner: you may create instances owned by yourself or your groups, not ${owner}`);
    }
  }

  /** The operation if the caller may see it: a plan with the create permission, else read on its instance. */
  async function visibleOperation(req: express.Request): Promise<LifecycleOperation> {
    const id = parse(z.uuid(), req.params.id, 'id');
    const operation = deployments.operations.snapshot(id) ?? (await store.getOperation(id));
    if (!operation) throw new NotFoundError(`no operation ${id}`);
    if (operation.kind === 'plan') {
      // a plan belongs to no instance: it is its author's (and enrollment managers')
      const credentials = await authorized(req, sindriInstanceCreatePermission);
      if (principalRef(credentials) !== operation.actor) {
        const [admin] = await permissions.authorize([{ permission: sindriEnrollmentManagePermission }], { credentials });
        if (admin.result !== AuthorizeResult.ALLOW) throw new NotFoundError(`no operation ${id}`);
      }
    } else {
      await authorized(req, sindriInstanceReadPermission, ref(operation.instanceName));
    }
    return operation;
  }

  /** A sindri.yaml over the limit (in bytes) is answered 413; returns whether it was. */
  function refusedAsTooLarge(req: express.Request, res: express.Response): boolean {
    const text = req.body?.sindriYaml;
    if (typeof text !== 'string' || Buffer.byteLength(text, 'utf8') <= MAX_SINDRI_YAML_BYTES) return false;
    res.status(413).json({ error: { name: 'PayloadTooLarge', message: `sindriYaml: larger than the ${MAX_SINDRI_YAML_BYTES} byte limit` } });
    return true;
  }

  async function readableInstance(req: express.Request) {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    await authorized(req, sindriInstanceReadPermission, ref(name));
    const instance = await instances.getByName(name);
    if (!instance) throw new NotFoundError(`no instance named ${name}`);
    return instance;
  }

  router.get('/deployments/options', async (req, res) => {
    await authorized(req, sindriInstanceCreatePermission);
    res.json(deployments.options());
  });

  router.post('/config/validate', async (req, res) => {
    await authorized(req, sindriInstanceCreatePermission);
    if (refusedAsTooLarge(req, res)) return;
    const { sindriYaml } = parse(validateConfigRequestSchema, req.body, '');
    const { valid, issues } = deployments.validate(sindriYaml);
    res.json({ valid, issues });
  });

  router.post('/deployments', async (req, res) => {
    const credentials = await authorized(req, sindriInstanceCreatePermission);
    if (refusedAsTooLarge(req, res)) return;
    const body = parse(createDeploymentRequestSchema, req.body, '');
    if (body.cloneFrom) await authorized(req, sindriInstanceReadPermission, ref(body.cloneFrom));
    await requireOwnership(credentials, body.owner);
    res.status(202).json(await deployments.create(body, principalRef(credentials)));
  });

  router.get('/operations/:id', async (req, res) => {
    res.json(await visibleOperation(req));
  });

  router.get('/operations/:id/stream', async (req, res) => {
    const operation = await visibleOperation(req);
    res.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    const write = (event: OperationStreamEvent) => res.write(`${JSON.stringify(event)}\n`);
    let gone = false;
    const onClose: Array<() => void> = [];
    res.on('close', () => {
      gone = true;
      onClose.forEach(f => f());
    });
    const subscription = await deployments.operations.follow(operation.id, event => {
      if (gone) return;
      write(event);
      if (event.type === 'done') res.end();
    });
    if (gone) subscription?.unsubscribe();
    else if (subscription) onClose.push(() => subscription.unsubscribe());
  });

  router.get('/instances/:name/deployment', async (req, res) => {
    const instance = await readableInstance(req);
    const deployment = await deployments.getDeployment(instance.id);
    if (!deployment) throw new NotFoundError(`${instance.name} was not deployed by the portal`);
    res.json(deployment);
  });

  router.get('/instances/:name/operations', async (req, res) => {
    const instance = await readableInstance(req);
    const { limit } = parse(z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }), req.query, 'query');
    const items = await store.listOperations(instance.id, limit);
    res.json({ items: items.map(op => deployments.operations.snapshot(op.id) ?? op) });
  });

  router.post('/instances/:name/lifecycle', async (req, res) => {
    const name = parse(instanceNameSchema, req.params.name, 'name');
    const credentials = await authorized(req, sindriInstanceLifecyclePermission, ref(name));
    const body = parse(lifecycleRequestSchema, req.body, '');
    const instance = await instances.getByName(name);
    if (!instance) throw new NotFoundError(`no instance named ${name}`);
    res.status(202).json(await deployments.lifecycle(instance, body, principalRef(credentials)));
  });

  return router;
}
