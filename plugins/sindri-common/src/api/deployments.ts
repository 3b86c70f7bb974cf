import type { components } from '../schema/openapi.generated';

type SindriApiSchemas = components['schemas'];
import { z } from 'zod';
import { instanceNameSchema } from '../protocol/registration';
import { SINDRI_PROVIDERS } from '../constants';

/** Owner of a new instance: a user or group entity ref. */
export const ownerRefSchema = z
  .string()
  .regex(
    /^(user|group):[a-z0-9-_.]+\/[A-Za-z0-9-_.]+$/,
    'must be an entity ref like group:default/platform',
  );

/** Largest sindri.yaml the portal accepts, as text. */
export const MAX_SINDRI_YAML_BYTES = 64 * 1024;

/**
 * `POST /deployments`: a new instance from a sindri.yaml (as a document or as
 * text), or a clone of an existing instance's stored sindri.yaml.
 */
export const createDeploymentRequestSchema = z
  .object({
    name: instanceNameSchema,
    owner: ownerRefSchema,
    /** the driver to deploy with; the portal's default when absent */
    driver: z
      .string()
      .regex(
        /^[a-z0-9-]{1,32}$/,
        'must be a driver id like local or sindri-cli',
      )
      .optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    // the byte limit is checked before this (413); this bounds characters
    sindriYaml: z.string().min(1).max(MAX_SINDRI_YAML_BYTES).optional(),
    /** copy this instance's stored sindri.yaml */
    cloneFrom: instanceNameSchema.optional(),
    /** for a clone: deploy to another Sindri provider or region */
    provider: z.enum(SINDRI_PROVIDERS).optional(),
    region: z.string().min(1).max(64).optional(),
    /** only plan: run the driver's dry run, enroll nothing */
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine(
    r =>
      [r.config, r.sindriYaml, r.cloneFrom].filter(v => v !== undefined)
        .length === 1,
    {
      message: 'give exactly one of config, sindriYaml or cloneFrom',
      path: ['config'],
    },
  )
  .refine(
    r =>
      r.cloneFrom !== undefined ||
      (r.provider === undefined && r.region === undefined),
    {
      message:
        'provider and region only change a clone; put them in the sindri.yaml',
      path: ['provider'],
    },
  );

export type CreateDeploymentRequest = z.input<
  typeof createDeploymentRequestSchema
>;

export const LIFECYCLE_ACTIONS = [
  'suspend',
  'resume',
  'redeploy',
  'destroy',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** `POST /instances/{name}/lifecycle`. Destroy needs the instance's name typed again. */
export const lifecycleRequestSchema = z
  .object({
    action: z.enum(LIFECYCLE_ACTIONS),
    confirm: z.string().max(63).optional(),
    volumes: z.boolean().optional(),
  })
  .strict();

export type LifecycleRequest = z.infer<typeof lifecycleRequestSchema>;

export const OPERATION_KINDS = [
  'plan',
  'deploy',
  ...LIFECYCLE_ACTIONS,
  'update',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_STATES = [
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

/** One deploy or lifecycle run, as recorded in the audit log. */
export type LifecycleOperation = SindriApiSchemas['LifecycleOperation'];

/** Where an instance's deployment stands, as the portal drove it. */
export const DEPLOYMENT_STATES = [
  'deploying',
  'running',
  'suspending',
  'suspended',
  'resuming',
  'redeploying',
  'destroying',
  'failed',
] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

/** An instance the portal deployed: its driver, stored sindri.yaml and state. */
export type InstanceDeployment = SindriApiSchemas['InstanceDeployment'];

/** `POST /deployments` and `POST /instances/{name}/lifecycle` answer with the operation started. */
export type OperationStarted = SindriApiSchemas['OperationStarted'];

/** One line of `GET /operations/{id}/stream` (NDJSON). */
export type OperationStreamEvent = SindriApiSchemas['OperationStreamEvent'];

/** A driver the portal can deploy with. */
export type DriverOption = SindriApiSchemas['DriverOption'];

/** `GET /deployments/options`: what a create form offers. */
export type DeploymentOptions = SindriApiSchemas['DeploymentOptions'];

/** `POST /config/validate` */
export const validateConfigRequestSchema = z
  .object({ sindriYaml: z.string().max(MAX_SINDRI_YAML_BYTES) })
  .strict();

/** Lifecycle actions: the deployment states each may start from, and the state while it runs. */
export const LIFECYCLE_TRANSITIONS: Record<
  LifecycleAction,
  { from: readonly DeploymentState[]; during: DeploymentState }
> = {
  suspend: { from: ['running', 'failed'], during: 'suspending' },
  resume: { from: ['suspended', 'failed'], during: 'resuming' },
  redeploy: { from: ['running', 'suspended', 'failed'], during: 'redeploying' },
  destroy: { from: ['running', 'suspended', 'failed'], during: 'destroying' },
};

/** An update applies a new sindri.yaml the way a redeploy does, from the same states. */
export const UPDATE_TRANSITION = LIFECYCLE_TRANSITIONS.redeploy;

/** Whether an instance whose deployment is in `state` may run `action` now. */
export const lifecycleActionAvailable = (
  action: LifecycleAction,
  state: DeploymentState,
): boolean => LIFECYCLE_TRANSITIONS[action].from.includes(state);
