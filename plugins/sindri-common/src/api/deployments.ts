import { z } from 'zod';
import { instanceNameSchema } from '../protocol/registration';
import { INSTANCE_PROVIDERS, SINDRI_PROVIDERS } from '../constants';

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
export interface LifecycleOperation {
  id: string;
  instanceName: string;
  kind: OperationKind;
  driver: string;
  state: OperationState;
  actor: string;
  /** the driver's message when it failed */
  message?: string;
  startedAt: string;
  finishedAt?: string;
  /** progress lines, as far as kept */
  log: string[];
  /** the log and message are not shown to this reader: they need sindri.instance.audit.read (or to have started it) */
  logHidden?: boolean;
}

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
export interface InstanceDeployment {
  instanceName: string;
  driver: string;
  state: DeploymentState;
  /** absent when hidden from this reader */
  sindriYaml?: string;
  /** the sindri.yaml is not shown to this reader: it needs sindri.instance.audit.read (or to have created it) */
  sindriYamlHidden?: boolean;
  provider: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /deployments` and `POST /instances/{name}/lifecycle` answer with the operation started. */
export interface OperationStarted {
  operation: LifecycleOperation;
  /** `resource:default/<name>` */
  entityRef: string;
}

/** One line of `GET /operations/{id}/stream` (NDJSON). */
export type OperationStreamEvent =
  | { type: 'snapshot'; operation: LifecycleOperation }
  | { type: 'progress'; line: string }
  | { type: 'done'; operation: LifecycleOperation };

/** A driver the portal can deploy with. */
export interface DriverOption {
  id: string;
  title: string;
  /** the `provider` an instance deployed with it reports */
  providers: readonly (typeof INSTANCE_PROVIDERS)[number][];
}

/** `GET /deployments/options`: what a create form offers. */
export interface DeploymentOptions {
  drivers: DriverOption[];
  defaultDriver?: string;
  profiles: Array<{ name: string; description?: string; extensions: string[] }>;
  extensions: Array<{ name: string; category?: string; description?: string }>;
  /** providers whose sindri.yaml takes a region */
  providersWithRegion: readonly string[];
  /** region codes to suggest per provider: the examples Sindri's schema gives */
  regionHints: Record<string, string[]>;
}

/** `POST /config/validate` */
export const validateConfigRequestSchema = z
  .object({ sindriYaml: z.string().max(MAX_SINDRI_YAML_BYTES) })
  .strict();
