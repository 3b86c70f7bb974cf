import { z } from 'zod';
import { INGEST_LIMITS } from './limits';

/**
 * Every sample carries an id chosen by the agent, so a sample resent after a
 * reconnect is stored once.
 */
export const sampleIdSchema = z.uuid();

const at = z.iso.datetime({ offset: true });
const bytes = z.number().int().nonnegative();
const percent = z.number().min(0).max(100);

export const heartbeatSchema = z.object({
  id: sampleIdSchema,
  at,
  uptimeSeconds: z.number().nonnegative(),
  load: z
    .tuple([
      z.number().nonnegative(),
      z.number().nonnegative(),
      z.number().nonnegative(),
    ])
    .optional(),
});

export type Heartbeat = z.infer<typeof heartbeatSchema>;

const PROCESS_NAME_MAX = 256;

/** One process of a metrics sample, each bound checked by zod field by field. */
export const processFieldsSchema = z.object({
  pid: z.number().int().nonnegative(),
  name: z.string().min(1).max(PROCESS_NAME_MAX),
  cpuPercent: z.number().nonnegative(),
  memoryBytes: bytes,
});

const withinBounds = (p: z.infer<typeof processFieldsSchema>) =>
  Number.isSafeInteger(p.pid) &&
  p.pid >= 0 &&
  p.name.length >= 1 &&
  p.name.length <= PROCESS_NAME_MAX &&
  p.cpuPercent >= 0 &&
  Number.isSafeInteger(p.memoryBytes) &&
  p.memoryBytes >= 0;

const { $schema: _, ...processJsonSchema } = z.toJSONSchema(
  processFieldsSchema,
  { io: 'output' },
);

/**
 * The same as processFieldsSchema, and described by its JSON schema, cheaper:
 * a sample carries up to twenty processes, and their seven field checks were
 * most of a metrics frame's validation (zod's cost is per check). Types are
 * checked by field; bounds in one test per process, and only a process that
 * fails it is checked field by field, so a refusal names the field in zod's
 * own words. (A process with a field of the wrong type is refused for that
 * first, before its bounds are looked at.)
 */
export const processSchema = z
  .object({
    pid: z.number(),
    name: z.string(),
    cpuPercent: z.number(),
    memoryBytes: z.number(),
  })
  .check(ctx => {
    if (withinBounds(ctx.value)) return;
    const checked = processFieldsSchema.safeParse(ctx.value);
    for (const { message, path } of checked.error?.issues ?? [])
      ctx.issues.push({ code: 'custom', message, path, input: ctx.value });
  })
  .meta(processJsonSchema);

export type ProcessSample = z.infer<typeof processSchema>;

/** One metrics reading. A value the agent could not read is absent, never zero. */
export const metricsSchema = z.object({
  id: sampleIdSchema,
  at,
  cpu: z.object({ percent }).optional(),
  load: z
    .object({
      one: z.number().nonnegative(),
      five: z.number().nonnegative(),
      fifteen: z.number().nonnegative(),
    })
    .optional(),
  memory: z
    .object({
      totalBytes: bytes,
      usedBytes: bytes,
      availableBytes: bytes,
      cachedBytes: bytes.optional(),
    })
    .optional(),
  swap: z.object({ totalBytes: bytes, usedBytes: bytes }).optional(),
  disks: z
    .array(
      z.object({
        mount: z.string().min(1).max(512),
        sizeBytes: bytes,
        usedBytes: bytes,
        inodesTotal: bytes.optional(),
        inodesUsed: bytes.optional(),
      }),
    )
    .max(INGEST_LIMITS.maxDisks)
    .optional(),
  network: z.object({ rxBytes: bytes, txBytes: bytes }).optional(),
  processes: z
    .object({
      count: z.number().int().nonnegative(),
      topByCpu: z.array(processSchema).max(INGEST_LIMITS.maxTopProcesses),
      topByMemory: z.array(processSchema).max(INGEST_LIMITS.maxTopProcesses),
    })
    .optional(),
});

export type MetricsSample = z.infer<typeof metricsSchema>;

/** Event types an agent may send. */
export const AGENT_EVENT_TYPES = [
  'started',
  'stopped',
  'deploy',
  'extension-installed',
  'extension-removed',
  'extension-failed',
  'config-changed',
  'agent-warning',
] as const;

/** Every event type on an instance's timeline: the agent's, and `lifecycle` (suspend, resume, ...), recorded by the portal itself. */
export const INSTANCE_EVENT_TYPES = [
  ...AGENT_EVENT_TYPES,
  'lifecycle',
  'drift',
] as const;

export const instanceEventSchema = z.object({
  id: sampleIdSchema,
  at,
  type: z.enum(AGENT_EVENT_TYPES),
  message: z.string().max(1024).optional(),
  data: z
    .record(
      z.string().max(64),
      z.union([z.string().max(1024), z.number(), z.boolean()]),
    )
    .refine(d => Object.keys(d).length <= INGEST_LIMITS.maxEventDataKeys, {
      message: `must have at most ${INGEST_LIMITS.maxEventDataKeys} keys`,
    })
    .optional(),
});

/** An event as an agent sends it. */
export type AgentEvent = z.infer<typeof instanceEventSchema>;

/** An event on an instance's timeline. */
export type InstanceEvent = Omit<AgentEvent, 'type'> & {
  type: (typeof INSTANCE_EVENT_TYPES)[number];
};
