import { z } from 'zod';
import { LIVE_LIMITS } from './limits';
import { SESSION_ID_PATTERN } from './dataFrame';

export const terminalSessionIdSchema = z
  .string()
  .regex(
    SESSION_ID_PATTERN,
    'must be 8-64 letters, digits, dashes or underscores',
  );

const size = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};

export const commandRunIdSchema = z.uuid();

/** What to run: an argv (never through a shell), or a script file run by its interpreter on the instance. */
export const commandSpecSchema = z.union([
  z.object({
    argv: z
      .array(z.string().min(1).max(LIVE_LIMITS.maxArgBytes))
      .min(1, 'must name the program to run')
      .max(LIVE_LIMITS.maxArgs),
  }),
  z.object({
    script: z
      .string()
      .min(1)
      .max(LIVE_LIMITS.maxScriptBytes)
      .refine(s => s.startsWith('#!'), {
        message: 'must start with an interpreter line, e.g. #!/bin/bash',
      }),
  }),
]);

export type CommandSpec = z.infer<typeof commandSpecSchema>;

/** Control messages from the backend to an agent (JSON text frames on the agent's connection). */
export const backendLiveFrameSchema = z.discriminatedUnion('type', [
  /**
   * attach to the session, creating its PTY if it does not exist; the agent answers pty-opened, then the replay.
   * `user` (an entity ref) owns the session from its first open: the agent refuses (pty-denied) anyone else.
   */
  z.object({
    type: z.literal('pty-open'),
    session: terminalSessionIdSchema,
    ...size,
    user: z.string().min(1).max(255),
  }),
  z.object({
    type: z.literal('pty-resize'),
    session: terminalSessionIdSchema,
    ...size,
  }),
  /** nobody is attached any more: the agent's idle timer starts */
  z.object({ type: z.literal('pty-detach'), session: terminalSessionIdSchema }),
  /** end the session: the agent kills the shell */
  z.object({ type: z.literal('pty-close'), session: terminalSessionIdSchema }),
  /** flow control: stop reading PTY output until pty-resume */
  z.object({ type: z.literal('pty-pause'), session: terminalSessionIdSchema }),
  z.object({ type: z.literal('pty-resume'), session: terminalSessionIdSchema }),
  z.object({
    type: z.literal('cmd-run'),
    run: commandRunIdSchema,
    command: commandSpecSchema,
    timeoutSeconds: z
      .number()
      .int()
      .min(LIVE_LIMITS.minCommandTimeoutSeconds)
      .max(LIVE_LIMITS.maxCommandTimeoutSeconds),
  }),
  z.object({ type: z.literal('cmd-cancel'), run: commandRunIdSchema }),
  /** the command's cmd-exit is stored: the agent may forget it (until then it sends it again on every connect) */
  z.object({ type: z.literal('cmd-exit-ack'), run: commandRunIdSchema }),
  /** the session's pty-exit is recorded: the agent may forget it (until then it sends it again on every connect) */
  z.object({
    type: z.literal('pty-exit-ack'),
    session: terminalSessionIdSchema,
  }),
]);

export type BackendLiveFrame = z.infer<typeof backendLiveFrameSchema>;

/** Control messages from an agent to the backend. */
export const agentLiveFrameSchema = z.discriminatedUnion('type', [
  /** the session is attached; `replayBytes` of recent output follow in one replay data frame (none when 0) */
  z.object({
    type: z.literal('pty-opened'),
    session: terminalSessionIdSchema,
    created: z.boolean(),
    pid: z.number().int().nonnegative().optional(),
    replayBytes: z.number().int().min(0).max(LIVE_LIMITS.replayBytes),
  }),
  z.object({
    type: z.literal('pty-exit'),
    session: terminalSessionIdSchema,
    /** exited: the shell ended; idle: no one attached for the idle timeout; closed: asked to; error: could not start */
    reason: z.enum(['exited', 'idle', 'closed', 'error']),
    exitCode: z.number().int().nullable(),
    signal: z.number().int().nullable().optional(),
    message: z.string().max(1024).optional(),
  }),
  /** the session's shell belongs to another user than the pty-open named: nothing is attached */
  z.object({
    type: z.literal('pty-denied'),
    session: terminalSessionIdSchema,
    message: z.string().max(1024),
  }),
  z.object({
    type: z.literal('cmd-started'),
    run: commandRunIdSchema,
    pid: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('cmd-output'),
    run: commandRunIdSchema,
    stream: z.enum(['stdout', 'stderr']),
    data: z.string().max(LIVE_LIMITS.maxOutputChunkBytes * 4),
  }),
  z.object({
    type: z.literal('cmd-exit'),
    run: commandRunIdSchema,
    exitCode: z.number().int().nullable(),
    signal: z.string().max(32).nullable(),
    /** why it ended early, if it did */
    ended: z.enum(['exited', 'timeout', 'cancelled', 'error']),
    durationMs: z.number().nonnegative(),
    stdoutBytes: z.number().int().nonnegative(),
    stderrBytes: z.number().int().nonnegative(),
    message: z.string().max(1024).optional(),
    /**
     * the end of what the command wrote, including what never crossed the
     * link: whichever replica stores a late end keeps it, not only the one
     * that followed the output
     */
    stdoutTail: z.string().max(LIVE_LIMITS.commandOutputTailBytes).optional(),
    stderrTail: z.string().max(LIVE_LIMITS.commandOutputTailBytes).optional(),
  }),
]);

export type AgentLiveFrame = z.infer<typeof agentLiveFrameSchema>;

/** True for the JSON text frames an agent sends on the live channel (as opposed to ingest frames). */
export function isLiveFrameType(type: unknown): boolean {
  return (
    typeof type === 'string' &&
    (type.startsWith('pty-') || type.startsWith('cmd-'))
  );
}
