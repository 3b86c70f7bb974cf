import { z } from 'zod';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import {
  sindriConfigFieldPermissionResourceRef,
  sindriDriverPermissionResourceRef,
  sindriInstancePermissionResourceRef,
} from './resourceRef';

/** Entity refs are case-insensitive: compare them lower-cased. */
const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

/**
 * The instance is owned by one of the given entity refs; a policy passes the
 * user's ownership refs (the user and every group it belongs to). Refs are
 * compared case-insensitively, as the catalog does.
 *
 * @public
 */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow instances owned by the given user or groups',
  resourceRef: sindriInstancePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe("entity refs, e.g. the user's ownership refs"),
  }),
  apply: (instance, { claims }) =>
    lower(claims).includes(instance.owner.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({ field: 'owner', values: lower(claims) }),
});

/**
 * The instance runs on one of the given providers.
 *
 * @public
 */
export const hasProvider = createPermissionRule({
  name: 'HAS_PROVIDER',
  description: 'Allow instances running on one of the given providers',
  resourceRef: sindriInstancePermissionResourceRef,
  paramsSchema: z.object({
    providers: z.array(z.string()).describe('e.g. fly, kubernetes, local'),
  }),
  apply: (instance, { providers }) =>
    instance.provider !== undefined && providers.includes(instance.provider),
  toQuery: ({ providers }) => ({ field: 'provider', values: providers }),
});

/** @public */
export const sindriInstanceRules = { isOwner, hasProvider };

/**
 * The driver is one of the given ids.
 *
 * @public
 */
export const isDriver = createPermissionRule({
  name: 'IS_DRIVER',
  description: 'Allow the given deployment drivers',
  resourceRef: sindriDriverPermissionResourceRef,
  paramsSchema: z.object({
    drivers: z.array(z.string()).describe('driver ids, e.g. sindri-cli'),
  }),
  apply: (driver, { drivers }) => drivers.includes(driver.id),
  toQuery: ({ drivers }) => ({ ids: drivers }),
});

/** @public */
export const sindriDriverRules = { isDriver };

/**
 * The guarded sindri.yaml field is one of the given ids.
 *
 * @public
 */
export const isField = createPermissionRule({
  name: 'IS_FIELD',
  description: 'Allow setting the given guarded sindri.yaml fields',
  resourceRef: sindriConfigFieldPermissionResourceRef,
  paramsSchema: z.object({
    fields: z.array(z.string()).describe('guarded field ids, e.g. privileged'),
  }),
  apply: (field, { fields }) => fields.includes(field.id),
  toQuery: ({ fields }) => ({ ids: fields }),
});

/** @public */
export const sindriConfigFieldRules = { isField };
