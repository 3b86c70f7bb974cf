import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
  sindriEnrollmentManagePermission,
  sindriInstanceCommandPermission,
  sindriInstanceCreatePermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import {
  createSindriInstanceConditionalDecision,
  sindriInstanceConditions,
} from '@internal/plugin-sindri-node';
import { RoleMapping, roleOf } from './roles';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's policy for the Sindri permissions, by role:
 * - admin: everything, including enrollment tokens;
 * - operator: create instances; read, terminal, command and lifecycle on every instance;
 * - developer: create instances; read, terminal and lifecycle on the instances they (or their groups) own;
 * - viewer: read every instance.
 * Roles come from `sindri.permissions.roles` (catalog groups or users). Every
 * permission of other plugins is allowed, as before this policy.
 */
export class SindriPermissionPolicy implements PermissionPolicy {
  constructor(private roles: RoleMapping) {}

  /** Applies a new role mapping to every later decision, e.g. after app-config changed. */
  setRoles(roles: RoleMapping) {
    this.roles = roles;
  }

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    const isSindri =
      isPermission(permission, sindriEnrollmentManagePermission) ||
      isPermission(permission, sindriInstanceCreatePermission) ||
      isResourcePermission(permission, SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE);
    if (!isSindri) return allow;

    const role = user ? roleOf(user.info.ownershipEntityRefs, this.roles) : 'none';
    if (role === 'admin') return allow;
    if (isPermission(permission, sindriInstanceCreatePermission)) {
      return role === 'operator' || role === 'developer' ? allow : deny;
    }
    if (!isResourcePermission(permission, SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE)) return deny;

    switch (role) {
      case 'operator':
        return allow;
      case 'developer':
        return isPermission(permission, sindriInstanceCommandPermission)
          ? deny
          : createSindriInstanceConditionalDecision(
              permission,
              sindriInstanceConditions.isOwner({ claims: user!.info.ownershipEntityRefs }),
            );
      case 'viewer':
        return isPermission(permission, sindriInstanceReadPermission) ? allow : deny;
      default:
        return deny;
    }
  }
}
