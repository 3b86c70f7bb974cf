import { z } from 'zod';
import { INGEST_LIMITS } from './limits';
import { registrationSchema } from './registration';
import { heartbeatSchema, instanceEventSchema, metricsSchema } from './samples';

/** A message from an agent, over the WebSocket or in an HTTP ingest batch. */
export const agentFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('register'), registration: registrationSchema }),
  z.object({ type: z.literal('heartbeat'), heartbeat: heartbeatSchema }),
  z.object({ type: z.literal('metrics'), metrics: metricsSchema }),
  z.object({ type: z.literal('event'), event: instanceEventSchema }),
]);

export type AgentFrame = z.infer<typeof agentFrameSchema>;

/** Body of `POST /api/sindri/ingest`, the agent's fallback when it cannot hold a WebSocket. */
export const ingestRequestSchema = z.object({
  frames: z.array(agentFrameSchema).min(1).max(INGEST_LIMITS.maxFramesPerRequest),
});

export type IngestRequest = z.infer<typeof ingestRequestSchema>;

/** A message from the backend to an agent. */
export type BackendFrame =
  /** the sample with this id (or the registration) is stored */
  | { type: 'ack'; id: string }
  /** the frame was refused; `status` follows HTTP (400, 401, 403, 413, 429) */
  | { type: 'error'; id?: string; status: number; message: string };

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
