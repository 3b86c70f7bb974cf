import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of the Sindri instance permissions; the resource ref is the instance's entity ref. */
export const SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE = 'sindri-instance';

/** Resource type of `sindri.driver.use`; the resource ref is the driver's id (local, sindri-cli, ...). */
export const SINDRI_DRIVER_PERMISSION_RESOURCE_TYPE = 'sindri-driver';

/** Resource type of `sindri.config.field.set`; the resource ref is a guarded field's id (see GUARDED_FIELDS). */
export const SINDRI_CONFIG_FIELD_PERMISSION_RESOURCE_TYPE =
  'sindri-config-field';

/** See an instance: its state, metrics and events. */
export const sindriInstanceReadPermission = createPermission({
  name: 'sindri.instance.read',
  attributes: { action: 'read' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/**
 * See what was done on an instance, beyond its state: command output, terminal
 * sessions, its sindri.yaml and the logs of its operations. Their authors see
 * their own without it.
 */
export const sindriInstanceAuditReadPermission = createPermission({
  name: 'sindri.instance.audit.read',
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

/** Deploy with a driver, or run the lifecycle of an instance it deployed. */
export const sindriDriverUsePermission = createPermission({
  name: 'sindri.driver.use',
  attributes: {},
  resourceType: SINDRI_DRIVER_PERMISSION_RESOURCE_TYPE,
});

/**
 * Set a guarded sindri.yaml field (privileged containers, host networking,
 * Docker sockets, remote hosts, cluster contexts, provider organisations):
 * what the platform's own deploy credentials would otherwise grant anyone.
 */
export const sindriConfigFieldSetPermission = createPermission({
  name: 'sindri.config.field.set',
  attributes: { action: 'update' },
  resourceType: SINDRI_CONFIG_FIELD_PERMISSION_RESOURCE_TYPE,
});

/** Create, list, revoke and rotate agent enrollment tokens. */
export const sindriEnrollmentManagePermission = createPermission({
  name: 'sindri.enrollment.manage',
  attributes: {},
});

/** Read the fleet's Prometheus metrics (`GET /metrics`): for a scraper's static token, or an operator. */
export const sindriMetricsReadPermission = createPermission({
  name: 'sindri.metrics.read',
  attributes: { action: 'read' },
});

/** See the alert rules (the alerts themselves follow `sindri.instance.read`). */
export const sindriAlertReadPermission = createPermission({
  name: 'sindri.alert.read',
  attributes: { action: 'read' },
});

/** Create, change and remove alert rules and the channels alerts are sent to. */
export const sindriAlertManagePermission = createPermission({
  name: 'sindri.alert.manage',
  attributes: { action: 'update' },
});

/** Acknowledge or silence an instance's alert. */
export const sindriAlertRespondPermission = createPermission({
  name: 'sindri.alert.respond',
  attributes: { action: 'update' },
  resourceType: SINDRI_INSTANCE_PERMISSION_RESOURCE_TYPE,
});

/** Read the extension registry and its graph (the counts of instances using each follow `sindri.instance.read`). */
export const sindriExtensionReadPermission = createPermission({
  name: 'sindri.extension.read',
  attributes: { action: 'read' },
});

/** See the budgets of one's own groups (every group's needs `sindri.budget.manage`). */
export const sindriBudgetReadPermission = createPermission({
  name: 'sindri.budget.read',
  attributes: { action: 'read' },
});

/** Set, change and remove owner groups' monthly budgets and their enforcement; see every group's. */
export const sindriBudgetManagePermission = createPermission({
  name: 'sindri.budget.manage',
  attributes: { action: 'update' },
});

/** The permissions on the `sindri-instance` resource type. */
export const sindriInstancePermissions = [
  sindriInstanceReadPermission,
  sindriInstanceAuditReadPermission,
  sindriInstanceTerminalPermission,
  sindriInstanceCommandPermission,
  sindriInstanceLifecyclePermission,
  sindriAlertRespondPermission,
];

export const sindriPermissions = [
  ...sindriInstancePermissions,
  sindriInstanceCreatePermission,
  sindriDriverUsePermission,
  sindriConfigFieldSetPermission,
  sindriEnrollmentManagePermission,
  sindriMetricsReadPermission,
  sindriAlertReadPermission,
  sindriAlertManagePermission,
  sindriExtensionReadPermission,
  sindriBudgetReadPermission,
  sindriBudgetManagePermission,
];
