import { IncomingMessage } from 'node:http';
import express from 'express';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { InstanceQuery } from '@internal/plugin-sindri-node';

type AnyPermission = BasicPermission | ResourcePermission;

/** What a list may show: everything, the rows matching criteria, or nothing. */
export type ListFilter =
  | { kind: 'all' }
  | { kind: 'some'; criteria: PermissionCriteria<InstanceQuery> }
  | { kind: 'none' };

/** A list filter that lets something through: all instances, or those the criteria allow. */
export type ReadableInstances = Exclude<ListFilter, { kind: 'none' }>;

/**
 * The one permission check of every Sindri route and socket, as the
 * Kubernetes backend's `requirePermission`: who is calling, and whether the
 * policy allows them this permission (on this resource). A refusal is a 403
 * naming the permission.
 */
export class PermissionGuard {
  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      /** turns a conditional decision on instances into criteria for the database */
      toInstanceCriteria: () => ConditionTransformer<InstanceQuery>;
    },
  ) {}

  /** The caller of a route: a user or another backend. */
  credentials(
    req: express.Request<any, any, any, any>,
  ): Promise<BackstageCredentials> {
    return this.deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /**
   * The signed-in user behind a browser WebSocket upgrade, which can only
   * carry the user cookie (limited access) or a bearer token.
   */
  upgradeCredentials(
    req: IncomingMessage,
  ): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    return this.deps.httpAuth.credentials(req as express.Request, {
      allow: ['user'],
      allowLimitedAccess: true,
    });
  }

  /**
   * Another replica of this backend on the internal bridge: only the Sindri
   * plugin's own service credentials pass (the replica checked the user's
   * permission before it asked); anything else is a 403.
   */
  async requirePeerReplica(req: IncomingMessage): Promise<void> {
    const credentials = await this.deps.httpAuth.credentials(
      req as express.Request,
      { allow: ['service'] },
    );
    if (credentials.principal.subject !== 'plugin:sindri')
      throw new NotAllowedError(
        `only another replica of the sindri backend may use the bridge, not ${credentials.principal.subject}`,
      );
  }

  /** The caller's credentials, if the policy allows them `permission` (on `resourceRef`); a 403 otherwise. */
  async require(
    req: express.Request<any, any, any, any>,
    permission: AnyPermission,
    resourceRef?: string,
  ): Promise<BackstageCredentials> {
    const credentials = await this.credentials(req);
    await this.check(credentials, permission, resourceRef);
    return credentials;
  }

  /** Throws a 403 naming the permission unless these credentials have it. */
  async check(
    credentials: BackstageCredentials,
    permission: AnyPermission,
    resourceRef?: string,
  ): Promise<void> {
    if (!(await this.allows(credentials, permission, resourceRef))) {
      throw new NotAllowedError(
        `not permitted: ${permission.name}${
          resourceRef ? ` on ${resourceRef}` : ''
        }`,
      );
    }
  }

  async allows(
    credentials: BackstageCredentials,
    permission: AnyPermission,
    resourceRef?: string,
  ): Promise<boolean> {
    const request = resourceRef
      ? { permission: permission as ResourcePermission, resourceRef }
      : { permission: permission as BasicPermission };
    const [decision] = await this.deps.permissions.authorize([request], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** The refs among these on which the credentials have `permission`, decided in one call. */
  async allowedRefs(
    credentials: BackstageCredentials,
    permission: ResourcePermission,
    refs: string[],
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (!unique.length) return new Set();
    const decisions = await this.deps.permissions.authorize(
      unique.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return new Set(
      unique.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  /**
   * For a route that lists what instances hold: which the caller may see with
   * `permission` (all, or criteria for the database); a 403 naming the
   * permission when the policy allows none.
   */
  async requireInstanceFilter(
    req: express.Request<any, any, any, any>,
    permission: ResourcePermission<'sindri-instance'>,
  ): Promise<ReadableInstances> {
    const filter = await this.instanceFilter(
      await this.credentials(req),
      permission,
    );
    if (filter.kind === 'none')
      throw new NotAllowedError(`not permitted: ${permission.name}`);
    return filter;
  }

  /** For a list of instances: which the credentials may see with `permission`, as criteria for the database. */
  async instanceFilter(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'sindri-instance'>,
  ): Promise<ListFilter> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { kind: 'all' };
    if (decision.result !== AuthorizeResult.CONDITIONAL)
      return { kind: 'none' };
    const conditions = decision.conditions as PermissionCriteria<
      PermissionCondition<'sindri-instance'>
    >;
    return {
      kind: 'some',
      criteria: this.deps.toInstanceCriteria()(conditions),
    };
  }
}

/** The user entity ref of a user's credentials; undefined for a service. */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}
