import { z } from 'zod';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { sindriInstancePermissionResourceRef } from './resourceRef';

/**
 * The instance is owned by one of the given entity refs; a policy passes the
 * user's ownership refs (the user and every group it belongs to).
 *
 * @public
 */
export const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow instances owned by the given user or groups',
  resourceRef: sindriInstancePermissionResourceRef,
  paramsSchema: z.object({ claims: z.array(z.string()).describe('entity refs, e.g. the user\'s ownership refs') }),
  apply: (instance, { claims }) => claims.includes(instance.owner),
  toQuery: ({ claims }) => ({ field: 'owner', values: claims }),
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
  paramsSchema: z.object({ providers: z.array(z.string()).describe('e.g. fly, kubernetes, local') }),
  apply: (instance, { providers }) => instance.provider !== undefined && providers.includes(instance.provider),
  toQuery: ({ providers }) => ({ field: 'provider', values: providers }),
});

/** @public */
export const sindriInstanceRules = { isOwner, hasProvider };
