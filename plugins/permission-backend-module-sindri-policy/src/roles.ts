import { Config } from '@backstage/config';
import {
  GUARDED_FIELD_IDS,
  GuardedFieldId,
} from '@internal/plugin-sindri-common';

export const ROLES = ['admin', 'operator', 'developer', 'viewer'] as const;
export type SindriRole = (typeof ROLES)[number];

/** A signed-in user's role, or none: a user in no mapped group when `defaultRole` is none. */
export type Role = SindriRole | 'none';

export interface RoleMapping {
  /** Entity refs (groups or users) per role. */
  members: Record<SindriRole, string[]>;
  /** The role of a signed-in user who is in no mapped group. */
  defaultRole: Role;
  /** Roles that may create, refresh and delete catalog locations and entities. */
  catalogManagers: SindriRole[];
  /** Guarded sindri.yaml fields each role may set; admins may set every one. */
  allowedFields: Record<Exclude<SindriRole, 'admin'>, GuardedFieldId[]>;
}

function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  key: string,
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(
      `${key}: must be one of ${allowed.join(', ')} (got "${value}")`,
    );
  }
  return value as T;
}

/**
 * Reads `sindri.permissions`: `roles.<role>: [entity refs]`, `defaultRole`,
 * `catalogManagers: [roles]` and `allowedFields.<role>: [guarded field ids]`.
 * A bad value throws, naming its key.
 */
export function readRoleMapping(config: Config): RoleMapping {
  const key = (k: string) => `sindri.permissions.${k}`;
  const members = Object.fromEntries(
    ROLES.map(role => [
      role,
      config.getOptionalStringArray(key(`roles.${role}`)) ?? [],
    ]),
  ) as RoleMapping['members'];
  const defaultRole = oneOf(
    config.getOptionalString(key('defaultRole')) ?? 'viewer',
    [...ROLES, 'none'] as const,
    key('defaultRole'),
  );
  const catalogManagers = (
    config.getOptionalStringArray(key('catalogManagers')) ?? ['admin']
  ).map((r, i) => oneOf(r, ROLES, key(`catalogManagers[${i}]`)));
  const fieldsOf = (role: string) =>
    (config.getOptionalStringArray(key(`allowedFields.${role}`)) ?? []).map(
      (f, i) => oneOf(f, GUARDED_FIELD_IDS, key(`allowedFields.${role}[${i}]`)),
    );
  return {
    members,
    defaultRole,
    catalogManagers,
    allowedFields: {
      operator: fieldsOf('operator'),
      developer: fieldsOf('developer'),
      viewer: fieldsOf('viewer'),
    },
  };
}

/** The strongest role any of the user's ownership refs (user and groups) maps to. */
export function roleOf(
  ownershipEntityRefs: string[],
  mapping: RoleMapping,
): Role {
  const refs = new Set(
    ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
  );
  const found = ROLES.find(role =>
    mapping.members[role].some(ref => refs.has(ref.toLocaleLowerCase('en-US'))),
  );
  return found ?? mapping.defaultRole;
}
