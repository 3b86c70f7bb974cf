import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/**
 * The portal's permission policy. For now it allows every request; the
 * role-based policy (admin, operator, developer, viewer mapped from catalog
 * groups) replaces this body when the Sindri permissions land. It is wired
 * now so that every request already goes through a policy of ours.
 */
export class SindriPermissionPolicy implements PermissionPolicy {
  async handle(
    _request: PolicyQuery,
    _user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return { result: AuthorizeResult.ALLOW };
  }
}
