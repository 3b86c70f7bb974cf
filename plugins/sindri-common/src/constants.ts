/** `spec.type` of the catalog `Resource` that represents one Sindri instance. */
export const SINDRI_INSTANCE_RESOURCE_TYPE = 'sindri-instance';

/** `spec.type` of the catalog `Component` that represents one Sindri extension. */
export const SINDRI_EXTENSION_COMPONENT_TYPE = 'sindri-extension';

/** Annotations the Sindri plugins put on, and read from, catalog entities. */
export const SINDRI_ANNOTATIONS = {
  instanceId: 'sindri.io/instance-id',
  provider: 'sindri.io/provider',
  region: 'sindri.io/region',
} as const;

/** Label that carries an instance's derived status on its entity. */
export const SINDRI_STATUS_LABEL = 'sindri.io/status';

/** The providers Sindri v3 can deploy to. */
export const SINDRI_PROVIDERS = [
  'docker',
  'fly',
  'devpod',
  'e2b',
  'kubernetes',
  'runpod',
  'northflank',
] as const;

/**
 * Where an instance runs: a Sindri provider, or `local` for the portal's own
 * local driver (a workspace directory and a supervised agent on the portal host).
 */
export const INSTANCE_PROVIDERS = [...SINDRI_PROVIDERS, 'local'] as const;

export type InstanceProvider = (typeof INSTANCE_PROVIDERS)[number];

/** The status of an instance, derived by the backend from what its agent sends. */
export const INSTANCE_STATUSES = [
  'running',
  'unresponsive',
  'stopped',
  'unknown',
] as const;

export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** A provider Sindri v3 can deploy to. */
export type SindriProvider = (typeof SINDRI_PROVIDERS)[number];
