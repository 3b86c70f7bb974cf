import {
  createCatalogConditionalDecision,
  catalogConditions,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { SINDRI_INSTANCE_RESOURCE_TYPE } from '@internal/plugin-sindri-common';
import {
  createSindriConfigFieldConditionalDecision,
  createSindriDriverConditionalDecision,
  createSindriInstanceConditionalDecision,
  sindriConfigFieldConditions,
  sindriDriverConditions,
  sindriInstanceConditions,
} from '@internal/plugin-sindri-node';
import { Role, RoleMapping } from './roles';

/** What a grant decides with: the permission asked for, who asks, their role and the settings. */
export interface GrantContext {
  permission: Permission;
  user?: PolicyQueryUser;
  role: Role;
  settings: RoleMapping;
}

/** One cell of the policy's table: how a role is answered for a permission, and how the README says it. */
export interface Grant {
  describe(settings: RoleMapping, role: Role): string;
  decide(context: GrantContext): PolicyDecision;
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const claimsOf = (user?: PolicyQueryUser) =>
  user?.info.ownershipEntityRefs ?? [];

function resource<T extends string>(
  permission: Permission,
  type: T,
): ResourcePermission<T> {
  if (!isResourcePermission(permission, type))
    throw new Error(`${permission.name} is not a ${type} permission`);
  return permission;
}

export const yes: Grant = { describe: () => 'yes', decide: () => ALLOW };
export const no: Grant = { describe: () => 'no', decide: () => DENY };

/** Sindri instances the user or one of their groups owns (IS_OWNER). */
export const ownInstances: Grant = {
  describe: () => 'own',
  decide: ({ permission, user }) =>
    createSindriInstanceConditionalDecision(
      resource(permission, 'sindri-instance'),
      sindriInstanceConditions.isOwner({ claims: claimsOf(user) }),
    ),
};

/** Kind Resource with `spec.type: sindri-instance`: a Sindri instance's entity. */
const isInstanceEntity: PermissionCriteria<
  PermissionCondition<'catalog-entity'>
> = {
  allOf: [
    catalogConditions.isEntityKind({ kinds: ['resource'] }),
    catalogConditions.hasSpec({
      key: 'type',
      value: SINDRI_INSTANCE_RESOURCE_TYPE,
    }),
  ],
};

/** Catalog entities, but instance entities only where `sindri.instance.read` would allow them: owned ones. */
export const entitiesAndOwnInstances: Grant = {
  describe: () => "all but others' instances",
  decide: ({ permission, user }) =>
    createCatalogConditionalDecision(resource(permission, 'catalog-entity'), {
      anyOf: [
        { not: isInstanceEntity },
        catalogConditions.isEntityOwner({ claims: claimsOf(user) }),
      ],
    }),
};

/** Catalog entities other than Sindri instances. */
export const entitiesButInstances: Grant = {
  describe: () => 'all but instances',
  decide: ({ permission }) =>
    createCatalogConditionalDecision(resource(permission, 'catalog-entity'), {
      not: isInstanceEntity,
    }),
};

/** Scaffolder tasks the user started (IS_TASK_OWNER). */
export const ownTasks: Grant = {
  describe: () => 'own',
  decide: ({ permission, user }) =>
    createScaffolderTaskConditionalDecision(
      resource(permission, 'scaffolder-task'),
      scaffolderTaskConditions.isTaskOwner({
        createdBy: user ? [user.info.userEntityRef] : [],
      }),
    ),
};

/** Every deployment driver but the local one, which runs instances as the portal's own OS user. */
export const driversButLocal: Grant = {
  describe: () => 'all but local',
  decide: ({ permission }) =>
    createSindriDriverConditionalDecision(
      resource(permission, 'sindri-driver'),
      { not: sindriDriverConditions.isDriver({ drivers: ['local'] }) },
    ),
};

/** The guarded sindri.yaml fields `sindri.permissions.allowedFields.<role>` lists. */
export const allowedFields: Grant = {
  describe: (settings, role) => {
    const fields =
      role === 'admin' || role === 'none' ? [] : settings.allowedFields[role];
    return fields.length
      ? `allowedFields: ${fields.join(', ')}`
      : 'those in allowedFields (none by default)';
  },
  decide: ({ permission, role, settings }) => {
    const fields =
      role === 'admin' || role === 'none' ? [] : settings.allowedFields[role];
    if (!fields.length) return DENY;
    return createSindriConfigFieldConditionalDecision(
      resource(permission, 'sindri-config-field'),
      sindriConfigFieldConditions.isField({ fields }),
    );
  },
};

/** Yes for the roles in `sindri.permissions.catalogManagers` (admin by default). */
export const catalogManagers: Grant = {
  describe: (settings, role) =>
    role !== 'none' && settings.catalogManagers.includes(role)
      ? 'yes †'
      : 'no †',
  decide: ({ role, settings }) =>
    role !== 'none' && settings.catalogManagers.includes(role) ? ALLOW : DENY,
};
