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

export interface CommandResult {
  instance: string;
  state: CommandResultState;
  exitCode?: number | null;
  signal?: string | null;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  stdoutBytes: number;
  stderrBytes: number;
  /** the last bytes of each stream (LIVE_LIMITS.commandOutputTailBytes), as text */
  stdout: string;
  stderr: string;
  message?: string;
  /** the output is not shown to this reader: it needs sindri.instance.audit.read (or to have run it) */
  outputHidden?: boolean;
}

export interface CommandRun {
  id: string;
  createdBy: string;
  createdAt: string;
  endedAt?: string;
  command: z.infer<typeof commandSpecSchema>;
  /** how the instances were chosen, for the history */
  target: z.infer<typeof commandRequestSchema>['target'];
  timeoutSeconds: number;
  concurrency: number;
  /** running until every result is final */
  state: 'running' | 'done' | 'cancelled';
  counts: Partial<Record<CommandResultState, number>>;
  results?: CommandResult[];
}

/** Lines of `GET /api/sindri/commands/{id}/stream` (newline-delimited JSON). */
export type CommandStreamEvent =
  | { type: 'snapshot'; run: CommandRun }
  | {
      type: 'output';
      instance: string;
      stream: 'stdout' | 'stderr';
      data: string;
    }
  | { type: 'result'; result: CommandResult }
  | { type: 'done'; run: CommandRun };

/** Query of `GET /api/sindri/commands`. */
export const commandHistoryQuerySchema = z.object({
  instance: instanceNameSchema.optional(),
  createdBy: z.string().max(255).optional(),
  state: z.enum(['running', 'done', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A terminal session as the audit lists it. */
export interface TerminalSessionRecord {
  id: string;
  instance: string;
  /** the browser-chosen id it can be re-attached with while it lives */
  sessionId: string;
  openedBy: string;
  startedAt: string;
  endedAt?: string;
  bytesIn: number;
  bytesOut: number;
  exitCode?: number | null;
  endReason?: string;
  /** its keystrokes were recorded (sindri.terminal.recordInput): sensitive, shown to audit readers only */
  inputRecorded?: boolean;
}

/** `GET /instances/{name}/terminal-sessions/{id}/input`: what was typed in a recorded session. */
export interface TerminalSessionInput {
  id: string;
  /** always true: keystrokes hold whatever was typed, passwords included */
  sensitive: true;
  input: string;
  /** only the first TERMINAL_INPUT_VIEW_CHARS characters are returned */
  truncated: boolean;
}

/** How much of a recorded session's keystrokes one request returns. */
export const TERMINAL_INPUT_VIEW_CHARS = 1024 * 1024;
