import { z } from 'zod';

/**
 * The browser's terminal WebSocket:
 * `GET /api/sindri/instances/{name}/terminal/{session}?cols=&rows=` upgraded.
 * Binary messages carry bytes: output to the browser, keystrokes from it.
 * Text messages carry JSON control, below.
 */
export const terminalClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resize'),
    cols: z.number().int().min(2).max(1000),
    rows: z.number().int().min(1).max(500),
  }),
  /** output bytes the client has rendered since its last ack: the flow control credit */
  z.object({ type: z.literal('ack'), bytes: z.number().int().positive() }),
  /** end the session for everyone (kills the shell) */
  z.object({ type: z.literal('close') }),
]);

export type TerminalClientMessage = z.infer<typeof terminalClientMessageSchema>;

export type TerminalServerMessage =
  /** the session is attached; output (after the replay, if any) follows */
  | { type: 'opened'; created: boolean }
  /** the session ended; the socket closes next */
  | {
      type: 'exit';
      reason: 'exited' | 'idle' | 'closed' | 'error';
      exitCode: number | null;
      message?: string;
    }
  /** the instance's agent is not connected (now, or any more); try again later */
  | { type: 'offline'; message: string }
  | { type: 'error'; message: string };

/** WebSocket close codes of the terminal socket, beyond the standard ones. */
export const TERMINAL_CLOSE_CODES = {
  /** the session ended (the shell exited, was closed, or went idle) */
  ended: 4000,
  /** the agent is not connected: reconnect later */
  offline: 4001,
  /** this viewer fell too far behind */
  tooSlow: 4002,
  /** a bad message from the client */
  badRequest: 4400,
  /** this session belongs to another user */
  forbidden: 4403,
  /** the instance has reached its session limit */
  tooManySessions: 4429,
  /** the portal failed (e.g. its database): the reason is generic, the details are in its log */
  internalError: 1011,
} as const;
