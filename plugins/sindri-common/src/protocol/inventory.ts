import { z } from 'zod';
import { INGEST_LIMITS } from './limits';
import { sampleIdSchema } from './samples';

/** Where an agent reads what is installed. */
export const INVENTORY_SOURCES = [
  'sindri-bom',
  'dpkg',
  'rpm',
  'apk',
  'npm',
  'pip',
  'cargo',
] as const;

export type InventorySource = (typeof INVENTORY_SOURCES)[number];

/** One installed package, with its package URL. */
export const inventoryComponentSchema = z.object({
  source: z.enum(INVENTORY_SOURCES),
  name: z.string().min(1).max(256),
  version: z.string().min(1).max(128),
  purl: z
    .string()
    .max(512)
    .regex(/^pkg:[a-z0-9.+-]+\//, 'must be a package URL'),
  /** sindri-bom: the extension that installed it */
  extension: z.string().min(1).max(64).optional(),
});

export type InventoryComponent = z.infer<typeof inventoryComponentSchema>;

/** Whether a source could be read: `unavailable` when its tool is not there. */
export const inventorySourceStateSchema = z.object({
  source: z.enum(INVENTORY_SOURCES),
  state: z.enum(['collected', 'unavailable', 'failed']),
  count: z.number().int().nonnegative().optional(),
  message: z.string().max(512).optional(),
});

/** An SSH public key allowed to log in: what identifies it, never the key. */
export const sshKeySchema = z.object({
  file: z.string().min(1).max(512),
  type: z.string().min(1).max(64),
  bits: z.number().int().positive().optional(),
  /** SHA256:<base64>, as ssh-keygen -l prints it */
  fingerprint: z.string().min(1).max(128),
  comment: z.string().max(256).optional(),
  /** why the key is weak, when it is */
  weak: z.string().max(256).optional(),
});

export type SshKey = z.infer<typeof sshKeySchema>;

/** A socket listening for connections, and the process holding it when it could be read. */
export const listeningPortSchema = z.object({
  protocol: z.string().min(1).max(8),
  address: z.string().min(1).max(64),
  port: z.number().int().min(0).max(65535),
  process: z.string().max(128).optional(),
  pid: z.number().int().nonnegative().optional(),
});

export type ListeningPort = z.infer<typeof listeningPortSchema>;

/**
 * One part of an instance's inventory. The whole is `parts` frames of one
 * `hash` (the sha256 of what was collected); the first carries where it was
 * read from, the OS and what the instance exposes.
 */
export const inventoryPartSchema = z
  .object({
    id: sampleIdSchema,
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256, hex'),
    collectedAt: z.iso.datetime({ offset: true }),
    part: z.number().int().nonnegative(),
    parts: z.number().int().min(1).max(INGEST_LIMITS.maxInventoryParts),
    os: z
      .object({
        id: z.string().max(64),
        versionId: z.string().max(64).optional(),
      })
      .optional(),
    /** the Sindri CLI on the instance, when there is one */
    cli: z.object({ version: z.string().min(1).max(64) }).optional(),
    sources: z.array(inventorySourceStateSchema).max(16).optional(),
    access: z
      .object({
        sshKeys: z.array(sshKeySchema).max(INGEST_LIMITS.maxSshKeys),
        listening: z
          .array(listeningPortSchema)
          .max(INGEST_LIMITS.maxListeningPorts),
      })
      .optional(),
    components: z
      .array(inventoryComponentSchema)
      .max(INGEST_LIMITS.maxComponentsPerPart),
  })
  .refine(p => p.part < p.parts, {
    path: ['part'],
    message: 'must be below parts',
  });

export type InventoryPart = z.infer<typeof inventoryPartSchema>;
