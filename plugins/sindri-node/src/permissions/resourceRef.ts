import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  FleetInstance,
  SINDRI_CONFIG_FIELD_PERMISSION_RESOURCE_TYPE,
  SINDRI_DRIVER_PERMISSION_RESOURCE_TYPE,
  SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
} from '@internal/plugin-sindri-common';

/**
 * A filter on instances that the Sindri backend turns into a database query:
 * the instance's `field` is one of `values` (owners compared case-insensitively).
 *
 * @public
 */
export type InstanceQuery = { field: 'owner' | 'provider'; values: string[] };

/**
 * The `sindri-instance` permission resource, owned by the sindri plugin.
 *
 * @public
 */
export const sindriInstancePermissionResourceRef = createPermissionResourceRef<
  FleetInstance,
  InstanceQuery
>().with({
  pluginId: 'sindri',
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/**
 * A named thing the Sindri backend decides on by id: a deployment driver or a
 * guarded sindri.yaml field. Its query is the list of ids a rule allows.
 *
 * @public
 */
export type NamedResource = { id: string };

/** @public */
export type NamedResourceQuery = { ids: string[] };

/**
 * The `sindri-driver` permission resource: a deployment driver by id.
 *
 * @public
 */
export const sindriDriverPermissionResourceRef = createPermissionResourceRef<
  NamedResource,
  NamedResourceQuery
>().with({
  pluginId: 'sindri',
  resourceType: SINDRI_DRIVER_PERMISSION_RESOURCE_TYPE,
});

/**
 * The `sindri-config-field` permission resource: a guarded sindri.yaml field by id.
 *
 * @public
 */
export const sindriConfigFieldPermissionResourceRef =
  createPermissionResourceRef<NamedResource, NamedResourceQuery>().with({
    pluginId: 'sindri',
    resourceType: SINDRI_CONFIG_FIELD_PERMISSION_RESOURCE_TYPE,
  });
