import { Config } from '@backstage/config';

export const ROLES = ['admin', 'operator', 'developer', 'viewer'] as const;
export type SindriRole = (typeof ROLES)[number];

export interface RoleMapping {
  /** Entity refs (groups or users) per role. */
  members: Record<SindriRole, string[]>;
  /** The role of a signed-in user who is in no mapped group. */
  defaultRole: SindriRole | 'none';
}

/** Reads `sindri.permissions`: `roles.<role>: [entity refs]` and `defaultRole`. */
export function readRoleMapping(config: Config): RoleMapping {
  const members = Object.fromEntries(
    ROLES.map(role => [role, config.getOptionalStringArray(`sindri.permissions.roles.${role}`) ?? []]),
  ) as RoleMapping['members'];
  const defaultRole = config.getOptionalString('sindri.permissions.defaultRole') ?? 'viewer';
  if (defaultRole !== 'none' && !(ROLES as readonly string[]).includes(defaultRole)) {
    throw new Error(`sindri.permissions.defaultRole: must be one of ${ROLES.join(', ')} or none (got "${defaultRole}")`);
  }
  return { members, defaultRole: defaultRole as RoleMapping['defaultRole'] };
}

/** The strongest role any of the user's ownership refs (user and groups) maps to. */
export function roleOf(ownershipEntityRefs: string[], mapping: RoleMapping): SindriRole | 'none' {
  const refs = new Set(ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')));
  const found = ROLES.find(role => mapping.members[role].some(ref => refs.has(ref.toLocaleLowerCase('en-US'))));
  return found ?? mapping.defaultRole;
}
