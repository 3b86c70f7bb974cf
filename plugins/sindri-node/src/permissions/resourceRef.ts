import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  FleetInstance,
  SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
} from '@internal/plugin-sindri-common';

/**
 * A filter on instances that the Sindri backend turns into a database query:
 * the instance's `field` is one of `values`.
 *
 * @public
 */
export type InstanceQuery = { field: 'owner' | 'provider'; values: string[] };

/**
 * The `sindri-instance` permission resource, owned by the sindri plugin.
 *
 * @public
 */
export const sindriInstancePermissionResourceRef = createPermissionResourceRef<FleetInstance, InstanceQuery>().with({
  pluginId: 'sindri',
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});
