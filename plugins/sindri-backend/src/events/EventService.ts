import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_EVENT_SEVERITY,
  EventSeverity,
  EventsQuery,
  EventSubject,
  FleetEventType,
} from '@internal/plugin-sindri-common';
import { monotonicFactory } from 'ulid';
import { ReadableInstances } from '../auth/PermissionGuard';
import { EventStore } from './EventStore';

/** What a recorder says of an event; the id, time and severity are filled in. */
export interface NewEvent {
  type: FleetEventType;
  instance?: { id: string; name: string };
  severity?: EventSeverity;
  message?: string;
  data?: Record<string, string | number | boolean>;
  subject?: EventSubject;
  /** when it happened (an agent's clock): never later than now */
  at?: Date;
  /** the sender's own id, to store it once */
  sourceKey?: string;
}

/**
 * The fleet's timeline: every part of the portal records what happened here
 * (flags and reasons, never output or secrets), routes read it page by page.
 */
export class EventService {
  private readonly nextId = monotonicFactory();

  constructor(
    private readonly store: EventStore,
    private readonly logger: LoggerService,
  ) {}

  /** Stores the event; false when its source key was stored before. Throws when the database does. */
  async record(event: NewEvent): Promise<boolean> {
    const now = Date.now();
    const at = Math.min(event.at?.getTime() ?? now, now);
    return this.store.append({
      ...event,
      id: this.nextId(at),
      at: new Date(at),
      severity: event.severity ?? DEFAULT_EVENT_SEVERITY[event.type],
      message: event.message?.slice(0, 1024),
    });
  }

  /** Records without waiting, for what only observes (a connection, a session): a failure is logged. */
  note(event: NewEvent): void {
    void this.recordOrWarn(event);
  }

  /** Records the event; a failure is logged, not thrown. */
  async recordOrWarn(event: NewEvent): Promise<void> {
    await this.record(event).catch(error =>
      this.logger.warn(
        `Event ${event.type}${
          event.instance ? ` of ${event.instance.name}` : ''
        } not recorded: ${error}`,
      ),
    );
  }

  /** Deletes events older than `before` (the retention); returns how many. */
  prune(before: Date): Promise<number> {
    return this.store.prune(before);
  }

  /** A page of the events the reader may see. */
  page(
    query: EventsQuery & { instanceId?: string },
    readable: ReadableInstances,
  ) {
    return this.store.page({
      limit: query.limit,
      before: query.before,
      types: query.type,
      severities: query.severity,
      instanceId: query.instanceId,
      instanceName: query.instanceId ? undefined : query.instance,
      readable: readable.kind === 'some' ? readable.criteria : undefined,
    });
  }
}
