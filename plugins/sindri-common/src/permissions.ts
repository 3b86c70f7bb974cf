import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of the Sindri instance permissions; the resource ref is the instance's entity ref. */
export const SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE = 'sindri-instance';

/** See an instance: its state, metrics and events. */
export const sindriInstanceReadPermission = createPermission({
  name: 'sindri.instance.read',
  attributes: { action: 'read' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/** Create, list, revoke and rotate agent enrollment tokens. */
export const sindriEnrollmentManagePermission = createPermission({
  name: 'sindri.enrollment.manage',
  attributes: {},
});

export const sindriPermissions = [sindriInstanceReadPermission, sindriEnrollmentManagePermission];
