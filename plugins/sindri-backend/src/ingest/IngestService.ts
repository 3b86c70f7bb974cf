import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AgentFrame,
  agentFrameSchema,
  BackendFrame,
  describeZodError,
  frameId,
  InventoryPart,
  rawFrameId,
} from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { AgentIdentity } from '../tokens/AgentTokenStore';
import { SampleWriter } from '../database/SampleWriter';
import { LogStore } from '../logs/LogStore';
import { EventService } from '../events/EventService';
import { InstanceChanges } from './InstanceChanges';
import { RateLimiter } from './RateLimiter';

const FRAME_TYPES = new Set([
  'register',
  'heartbeat',
  'metrics',
  'event',
  'logs',
  'inventory',
]);

/** A frame's type as a metric label: one of a known few, never what a client made up. */
const frameTypeOf = (raw: unknown) => {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === 'string' && FRAME_TYPES.has(type) ? type : 'invalid';
};

export type Judged = { answer: BackendFrame; registered: boolean };
type SampleFrame = Extract<AgentFrame, { type: 'heartbeat' | 'metrics' }>;

const isSample = (frame: AgentFrame): frame is SampleFrame =>
  frame.type === 'heartbeat' || frame.type === 'metrics';

/**
 * Whether a frame as sent may be judged alongside the samples ahead of it
 * (see FrameSequence): samples go into the same group commit, in the order
 * they were taken, so they need not wait for each other to be stored.
 */
export const storedTogether = (raw: unknown) => {
  const type = (raw as { type?: unknown } | null)?.type;
  return type === 'heartbeat' || type === 'metrics';
};

const refusal = (
  id: string | undefined,
  status: number,
  message: string,
): BackendFrame => ({ type: 'error', id, status, message });

const NOT_STORED =
  'the portal could not store the frame now; send it again' as const;

/** Stores what an authenticated agent sends and publishes the instance changes it causes. */
export class IngestService {
  /** Instances known to be registered, so a sample costs no lookup. */
  private readonly registered = new Set<string>();
  /** Lookups under way, one per instance however many of its samples wait for it. */
  private readonly lookups = new Map<string, Promise<boolean>>();

  /** The instance was removed: its frames are no longer taken on trust. */
  forget(instanceId: string) {
    this.registered.delete(instanceId);
    this.lookups.delete(instanceId);
  }

  constructor(
    private readonly instances: InstanceStore,
    private readonly events: EventService,
    private readonly writer: SampleWriter,
    private readonly logs: LogStore,
    private readonly changes: InstanceChanges,
    private readonly logger: LoggerService,
    private readonly limiter: RateLimiter,
    /** told of every frame judged: its type (or `invalid`) and `ack` or the refusal's status */
    private readonly observe?: (type: string, result: string) => void,
    /** after a registration is stored: e.g. recompute the instance's drift */
    private readonly afterRegister?: (instanceId: string) => Promise<void>,
    /** keeps a part of what the agent reported as installed */
    private readonly inventory?: (
      instanceId: string,
      part: InventoryPart,
    ) => Promise<unknown>,
  ) {}

  /**
   * Judges one frame as an agent sent it, on the WebSocket or in an HTTP
   * batch: validated, rate-limited, stored. Always answers, an ack or an error
   * naming the frame's id (400 invalid, 429 too fast, 503 not stored now);
   * `where` prefixes the field a 400 names (e.g. `frames.3`). A refusal is
   * answered at once; a sample's ack once its lot is committed, with one
   * promise between the commit and the answer (thousands wait at once).
   *
   * What waits for the database is the row to store and the frame's id, not
   * the frame as parsed: with thousands of samples waiting for their commit,
   * what each keeps alive is what every young-generation collection copies.
   */
  receive(
    agent: AgentIdentity,
    raw: unknown,
    where?: string,
  ): Promise<Judged> | Judged {
    const type = frameTypeOf(raw);
    const id = rawFrameId(raw);
    const parsed = agentFrameSchema.safeParse(raw);
    if (!parsed.success)
      return this.judged(
        type,
        refusal(id, 400, describeZodError(parsed.error, where)),
      );
    if (!this.limiter.take(agent.instanceId))
      return this.judged(
        type,
        refusal(id, 429, 'too many frames; slow down and send it again'),
      );
    const frame = parsed.data;
    const notStored = (error: unknown) => {
      this.logger.error(`Ingest from ${agent.name} failed: ${error}`);
      return this.judged(type, refusal(id, 503, NOT_STORED));
    };
    if (isSample(frame) && this.registered.has(agent.instanceId)) {
      let stored: Promise<unknown>;
      try {
        stored = this.storeSample(agent, frame);
      } catch (error) {
        return notStored(error);
      }
      return stored.then(
        () => this.judged(type, { type: 'ack', id: frameId(frame) }),
        notStored,
      );
    }
    return this.handleInTurn(agent, frame).then(
      answer => this.judged(type, answer, frame.type === 'register'),
      notStored,
    );
  }

  /** The answer to one frame, counted by its type and result. */
  private judged(type: string, answer: BackendFrame, registers = false) {
    this.observe?.(
      type,
      answer.type === 'error' ? String(answer.status) : 'ack',
    );
    return { answer, registered: registers && answer.type === 'ack' };
  }

  private async handleInTurn(
    agent: AgentIdentity,
    frame: AgentFrame,
  ): Promise<BackendFrame> {
    const id = frameId(frame);
    if (frame.type === 'register') {
      if (frame.registration.name !== agent.name) {
        return {
          type: 'error',
          id,
          status: 403,
          message: `registration.name: this token was issued for instance "${agent.name}", not "${frame.registration.name}"`,
        };
      }
      const first =
        !this.registered.has(agent.instanceId) &&
        !(await this.instances.isRegistered(agent.instanceId));
      const instance = await this.instances.register(
        agent.instanceId,
        frame.registration,
      );
      this.registered.add(agent.instanceId);
      this.logger.info(
        `Instance ${agent.name} registered (${frame.registration.provider})`,
      );
      await this.changes.publish({
        reason: 'registered',
        instance,
        ...(first ? { first } : {}),
      });
      await this.afterRegister?.(agent.instanceId);
      return { type: 'ack', id };
    }

    if (!(await this.isRegistered(agent.instanceId))) {
      return {
        type: 'error',
        id,
        status: 409,
        message: 'type: the agent must register before it sends samples',
      };
    }
    if (isSample(frame)) {
      await this.storeSample(agent, frame);
      return { type: 'ack', id };
    }

    let statusChanged = false;
    switch (frame.type) {
      case 'event':
        if (
          await this.events.record({
            type: frame.event.type,
            instance: { id: agent.instanceId, name: agent.name },
            at: new Date(frame.event.at),
            message: frame.event.message,
            data: frame.event.data,
            sourceKey: frame.event.id,
          })
        ) {
          if (frame.event.type === 'stopped')
            statusChanged = await this.instances.setStatus(
              agent.instanceId,
              'stopped',
            );
          if (frame.event.type === 'started')
            statusChanged = await this.instances.setStatus(
              agent.instanceId,
              'running',
            );
        }
        break;
      case 'logs':
        await this.logs.append(
          { id: agent.instanceId, name: agent.name },
          frame.logs,
        );
        break;
      case 'inventory':
        await this.inventory?.(agent.instanceId, frame.inventory);
        break;
      default:
        break;
    }
    if (statusChanged) await this.publishStatus(agent.instanceId);
    return { type: 'ack', id };
  }

  /** A heartbeat or metrics sample: the writer takes its row now; settles once it is committed. */
  private storeSample(
    agent: AgentIdentity,
    frame: SampleFrame,
  ): Promise<unknown> {
    if (frame.type === 'metrics')
      return this.writer.metrics(agent.instanceId, frame.metrics);
    return this.writer
      .heartbeat(agent.instanceId, frame.heartbeat)
      .then(revived => (revived ? this.revived(agent) : undefined));
  }

  private async revived(agent: AgentIdentity) {
    this.events.note({
      type: 'recovered',
      instance: { id: agent.instanceId, name: agent.name },
      message: 'heartbeats arrive again',
    });
    await this.publishStatus(agent.instanceId);
  }

  /**
   * Whether the instance has registered: from memory, or asked of the
   * database once (an agent that reported before this replica started, over
   * HTTP, need not register again) and remembered when it has.
   */
  private isRegistered(instanceId: string): Promise<boolean> {
    if (this.registered.has(instanceId)) return Promise.resolve(true);
    let lookup = this.lookups.get(instanceId);
    if (!lookup) {
      lookup = this.instances
        .isRegistered(instanceId)
        .then(found => {
          // unless the instance was forgotten meanwhile
          if (found && this.lookups.get(instanceId) === lookup)
            this.registered.add(instanceId);
          return found;
        })
        .finally(() => {
          if (this.lookups.get(instanceId) === lookup)
            this.lookups.delete(instanceId);
        });
      this.lookups.set(instanceId, lookup);
    }
    return lookup;
  }

  private async publishStatus(instanceId: string) {
    await this.changes.publish({
      reason: 'status',
      instance: (await this.instances.get(instanceId))!,
    });
  }
}
