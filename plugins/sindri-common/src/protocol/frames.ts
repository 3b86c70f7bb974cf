import { z } from 'zod';
import { INGEST_LIMITS } from './limits';
import { registrationSchema } from './registration';
import { heartbeatSchema, instanceEventSchema, metricsSchema } from './samples';
import { logBatchSchema } from './logs';
import { inventoryPartSchema } from './inventory';

/** A message from an agent, over the WebSocket or in an HTTP ingest batch. */
export const agentFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('register'), registration: registrationSchema }),
  z.object({ type: z.literal('heartbeat'), heartbeat: heartbeatSchema }),
  z.object({ type: z.literal('metrics'), metrics: metricsSchema }),
  z.object({ type: z.literal('event'), event: instanceEventSchema }),
  z.object({ type: z.literal('logs'), logs: logBatchSchema }),
  z.object({ type: z.literal('inventory'), inventory: inventoryPartSchema }),
]);

export type AgentFrame = z.infer<typeof agentFrameSchema>;

/**
 * Body of `POST /api/sindri/ingest`, the agent's fallback when it cannot hold
 * a WebSocket. Each frame is judged on its own (an invalid one is refused
 * alone, in its place among the results), so the batch is only an array here.
 */
export const ingestRequestSchema = z.object({
  frames: z.array(z.unknown()).min(1).max(INGEST_LIMITS.maxFramesPerRequest),
});

export type IngestRequest = z.infer<typeof ingestRequestSchema>;

/** A message from the backend to an agent. */
export type BackendFrame =
  /** the sample with this id (or the registration) is stored */
  | { type: 'ack'; id: string }
  /**
   * the frame with this id was refused; `status` follows HTTP. 400, 403 and
   * 413 mean the frame is invalid and never will be taken; the others (409
   * not registered yet, 429 rate limited, 503 the portal could not store it)
   * are transient: the agent sends it again later. `id` is absent only when
   * the frame was too broken to carry one.
   */
  | { type: 'error'; id?: string; status: number; message: string };

/** Refusals that mean "not now": the frame is sent again later, not dropped. */
export const TRANSIENT_REFUSALS: readonly number[] = [
  408, 409, 425, 429, 500, 502, 503, 504,
];

export function isTransientRefusal(status: number): boolean {
  return TRANSIENT_REFUSALS.includes(status);
}

/** The id an ack for this (possibly invalid) frame would carry, if it has one. */
export function rawFrameId(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const frame = raw as Record<string, any>;
  const id =
    frame.type === 'register'
      ? frame.registration?.instanceId
      : frame[frame.type]?.id;
  if (typeof id !== 'string' || id.length > 128) return undefined;
  return frame.type === 'register' ? `register:${id}` : id;
}

/** The id that an ack for this frame carries. */
export function frameId(frame: AgentFrame): string {
  switch (frame.type) {
    case 'register':
      return `register:${frame.registration.instanceId}`;
    case 'heartbeat':
      return frame.heartbeat.id;
    case 'metrics':
      return frame.metrics.id;
    case 'event':
      return frame.event.id;
    case 'logs':
      return frame.logs.id;
    case 'inventory':
      return frame.inventory.id;
    default:
      throw new Error('unknown frame type');
  }
}

/**
 * Turns a zod error into one line naming the first offending field, e.g.
 * `frames.0.metrics.cpu.percent: Too big: expected number to be <=100`.
 */
export function describeZodError(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  const segments = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
  return `${segments.length ? segments.join('.') : '(root)'}: ${issue.message}`;
}
