import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { PERMISSION_TABLE, PermissionRow } from './permissionTable';
import { RoleMapping, roleOf } from './roles';

/**
 * The portal's policy for every plugin it runs: each permission is looked up
 * in PERMISSION_TABLE and answered by the asking user's role (admin, operator,
 * developer, viewer, or none), which comes from `sindri.permissions.roles`.
 * A permission the table does not name is refused, and logged once.
 */
export class SindriPermissionPolicy implements PermissionPolicy {
  private readonly rows = new Map<string, PermissionRow>(
    PERMISSION_TABLE.map(r => [r.name, r]),
  );
  private readonly reported = new Set<string>();

  constructor(
    private roles: RoleMapping,
    private readonly logger?: LoggerService,
  ) {}

  /** Applies a new role mapping to every later decision, e.g. after app-config changed. */
  setRoles(roles: RoleMapping) {
    this.roles = roles;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const row = this.rows.get(permission.name);
    if (!row) {
      if (!this.reported.has(permission.name)) {
        this.reported.add(permission.name);
        this.logger?.warn(
          `Permission ${permission.name} is not in the Sindri policy's table: refused for everyone until it is decided there`,
        );
      }
      return { result: AuthorizeResult.DENY };
    }
    const role = user
      ? roleOf(user.info.ownershipEntityRefs, this.roles)
      : 'none';
    return row.grants[role].decide({
      permission,
      user,
      role,
      settings: this.roles,
    });
  }
}
