import type { components, operations } from '../schema/openapi.generated';

type SindriApiSchemas = components['schemas'];
import { z } from 'zod';
import { instanceNameSchema } from '../protocol/registration';
import { LIVE_LIMITS } from './limits';
import { commandSpecSchema } from './liveFrames';

/**
 * A catalog filter selecting instance entities, as the catalog API takes it:
 * keys are entity fields (`metadata.labels.sindri.io/status`, `spec.owner`, ...),
 * values one or several accepted values. `kind` and `spec.type` are implied.
 */
export const catalogFilterSchema = z
  .record(
    z.string().min(1).max(256),
    z.union([
      z.string().min(1).max(256),
      z.array(z.string().min(1).max(256)).min(1).max(100),
    ]),
  )
  .refine(f => Object.keys(f).length > 0 && Object.keys(f).length <= 20, {
    message: 'must have 1-20 fields',
  });

/** Body of `POST /api/sindri/commands`. */
export const commandRequestSchema = z.object({
  target: z.union([
    z.object({
      instances: z
        .array(instanceNameSchema)
        .min(1)
        .max(LIVE_LIMITS.maxCommandTargets),
    }),
    z.object({ filter: catalogFilterSchema }),
  ]),
  command: commandSpecSchema,
  timeoutSeconds: z
    .number()
    .int()
    .min(LIVE_LIMITS.minCommandTimeoutSeconds)
    .max(LIVE_LIMITS.maxCommandTimeoutSeconds)
    .default(LIVE_LIMITS.defaultCommandTimeoutSeconds),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(LIVE_LIMITS.maxCommandConcurrency)
    .default(LIVE_LIMITS.defaultCommandConcurrency),
});

export type CommandRequest = z.input<typeof commandRequestSchema>;

/**
 * The state of one instance in a run: queued → running → a final state.
 * `denied`: the user may not run commands there; `unreachable`: its agent was not connected.
 */
export const COMMAND_RESULT_STATES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'timeout',
  'cancelled',
  'denied',
  'unreachable',
] as const;

export type CommandResultState = (typeof COMMAND_RESULT_STATES)[number];

export const FINAL_COMMAND_STATES: readonly CommandResultState[] = [
  'succeeded',
  'failed',
  'timeout',
  'cancelled',
  'denied',
  'unreachable',
];

export type CommandResult = SindriApiSchemas['CommandResult'];

export type CommandRun = SindriApiSchemas['CommandRun'];

/** Lines of `GET /api/sindri/commands/{id}/stream` (newline-delimited JSON). */
export type CommandStreamEvent = SindriApiSchemas['CommandStreamEvent'];

/** An instance a command target selects, and whether the caller may run commands on it. */
export type CommandTargetPreview =
  operations['resolveCommandTargets']['responses'][200]['content']['application/json']['items'][number];

/** Query of `GET /api/sindri/commands`, as a client sends it. */
export type CommandHistoryQuery = z.input<typeof commandHistoryQuerySchema>;

/** Query of `GET /api/sindri/commands`. */
export const commandHistoryQuerySchema = z.object({
  instance: instanceNameSchema.optional(),
  createdBy: z.string().max(255).optional(),
  state: z.enum(['running', 'done', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A terminal session as the audit lists it. */
export type TerminalSessionRecord = SindriApiSchemas['TerminalSessionRecord'];

/** `GET /instances/{name}/terminal-sessions/{id}/input`: what was typed in a recorded session. */
export type TerminalSessionInput = SindriApiSchemas['TerminalSessionInput'];

/** How much of a recorded session's keystrokes one request returns. */
export const TERMINAL_INPUT_VIEW_CHARS = 1024 * 1024;
