import express from 'express';
import { z } from 'zod';
import {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  GuardedFieldId,
  instanceEntityRef,
  instanceNameSchema,
  LifecycleOperation,
  MAX_SINDRI_YAML_BYTES,
  sindriConfigFieldSetPermission,
  sindriDriverUsePermission,
  sindriEnrollmentManagePermission,
  sindriInstanceAuditReadPermission,
  sindriInstanceCreatePermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse, principalRef } from '../http/parse';
import { InstanceService } from '../instances/InstanceService';
import { DeployAccess, DeploymentService } from './DeploymentService';

/** An operation without what only its author and audit readers see: its log and the driver's message. */
export const withoutLog = (op: LifecycleOperation): LifecycleOperation => {
  const { message: _message, ...rest } = op;
  return { ...rest, log: [], logHidden: true };
};

/** Who may do what with deployments and operations, as the deployment routes ask it. */
export function deploymentAccess(options: {
  auth: AuthService;
  guard: PermissionGuard;
  userInfo: UserInfoService;
  instances: InstanceService;
  deployments: DeploymentService;
}) {
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

  return {
    accessOf,
    requireOwnership,
    visibleOperation,
    refusedAsTooLarge,
    permittedInstance,
  };
}
