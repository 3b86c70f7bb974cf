import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of the Sindri instance permissions; the resource ref is the instance's entity ref. */
export const SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE = 'sindri-instance';

/** See an instance: its state, metrics and events. */
export const sindriInstanceReadPermission = createPermission({
  name: 'sindri.instance.read',
  attributes: { action: 'read' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/** Open a terminal in an instance. */
export const sindriInstanceTerminalPermission = createPermission({
  name: 'sindri.instance.terminal',
  attributes: { action: 'update' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/** Run a command on an instance. */
export const sindriInstanceCommandPermission = createPermission({
  name: 'sindri.instance.command',
  attributes: { action: 'update' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/** Suspend, resume, redeploy or destroy an instance. */
export const sindriInstanceLifecyclePermission = createPermission({
  name: 'sindri.instance.lifecycle',
  attributes: { action: 'update' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/** Create a new instance (from a template, a sindri.yaml or a clone); it mints the instance's agent token. */
export const sindriInstanceCreatePermission = createPermission({
  name: 'sindri.instance.create',
  attributes: { action: 'create' },
});

/** Create, list, revoke and rotate agent enrollment tokens. */
export const sindriEnrollmentManagePermission = createPermission({
  name: 'sindri.enrollment.manage',
  attributes: {},
});

/** The permissions on the `sindri-instance` resource type. */
export const sindriInstancePermissions = [
  sindriInstanceReadPermission,
  sindriInstanceTerminalPermission,
  sindriInstanceCommandPermission,
  sindriInstanceLifecyclePermission,
];

export const sindriPermissions = [...sindriInstancePermissions, sindriInstanceCreatePermission, sindriEnrollmentManagePermission];
