import { z } from 'zod';
import { INSTANCE_PROVIDERS } from '../constants';
import { INGEST_LIMITS } from './limits';

/** A catalog-compatible instance name: lower-case letters, digits and inner dashes, 1-63 chars. */
export const instanceNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be 1-63 lower-case letters, digits or inner dashes',
  );

const shortText = (max: number) => z.string().min(1).max(max);

export const sindriConfigSummarySchema = z.object({
  /** sha256 of the sindri.yaml bytes, hex. */
  hash: z.string().regex(/^[a-f0-9]{64}$/, 'must be a sha256 hex digest'),
  name: shortText(128).optional(),
  profile: shortText(64).optional(),
  extensions: z.array(shortText(64)).max(INGEST_LIMITS.maxExtensions),
  resources: z
    .object({
      cpus: z.number().positive().optional(),
      memory: shortText(32).optional(),
      disk: shortText(32).optional(),
      gpu: shortText(64).optional(),
    })
    .optional(),
});

export type SindriConfigSummary = z.infer<typeof sindriConfigSummarySchema>;

export const installedExtensionSchema = z.object({
  name: shortText(64),
  version: shortText(64).optional(),
  /** how long its newest install took (the ledger's install_completed.duration_secs) */
  installSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .optional(),
  bom: z
    .array(
      z.object({ name: shortText(128), version: shortText(64).optional() }),
    )
    .max(INGEST_LIMITS.maxBomToolsPerExtension)
    .optional(),
});

export type InstalledExtension = z.infer<typeof installedExtensionSchema>;

/** An extension whose newest ledger event is a failed install, and the reason Sindri gave. */
export const failedExtensionSchema = z.object({
  name: shortText(64),
  error: shortText(256).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

export type FailedExtension = z.infer<typeof failedExtensionSchema>;

/** What an agent tells the portal about its instance when it connects. */
export const registrationSchema = z.object({
  /** The instance's own stable id, kept by the agent across restarts. */
  instanceId: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]{1,64}$/,
      'must be 1-64 letters, digits, dots, dashes or underscores',
    ),
  name: instanceNameSchema,
  provider: z.enum(INSTANCE_PROVIDERS),
  region: shortText(64).optional(),
  hostname: shortText(253),
  os: z.object({
    platform: shortText(32),
    release: shortText(128),
    arch: shortText(32),
    distro: shortText(128).optional(),
  }),
  agentVersion: shortText(32),
  bootTime: z.iso.datetime({ offset: true }),
  heartbeatIntervalSeconds: z.number().int().min(1).max(3600),
  sindriConfig: sindriConfigSummarySchema.optional(),
  extensions: z
    .array(installedExtensionSchema)
    .max(INGEST_LIMITS.maxExtensions),
  /** Extensions whose installation failed (Sindri's ledger); absent from older agents. */
  failedExtensions: z
    .array(failedExtensionSchema)
    .max(INGEST_LIMITS.maxExtensions)
    .optional(),
  /**
   * Whether the agent could read Sindri's ledger: `missing` (no such file) or
   * `unreadable` mean `extensions` says nothing; absent from older agents.
   */
  extensionLedger: z.enum(['read', 'missing', 'unreadable']).optional(),
  ssh: z
    .object({
      host: shortText(253),
      port: z.number().int().min(1).max(65535),
      user: shortText(64).optional(),
    })
    .optional(),
});

export type Registration = z.infer<typeof registrationSchema>;
