import { Knex } from 'knex';
import {
  EventSeverity,
  EventSubject,
  FleetEvent,
  FleetEventType,
} from '@internal/plugin-sindri-common';
import { pageByUlid, UlidPageQuery } from '../database/pageByUlid';
import { toIso } from '../database/time';

/** A row of the timeline as it is written. */
export interface StoredEvent {
  id: string;
  /** the sender's own id (an agent's event id): a second event with it is not stored */
  sourceKey?: string;
  instance?: { id: string; name: string };
  at: Date;
  type: FleetEventType;
  severity: EventSeverity;
  message?: string;
  data?: Record<string, string | number | boolean>;
  subject?: EventSubject;
}

/** Which events a page holds: of one instance or the fleet, narrowed by type and severity. */
export interface EventQuery extends UlidPageQuery {
  types?: FleetEventType[];
  severities?: EventSeverity[];
}

/** The fleet's timeline: append-only, read newest first by id (a ULID). */
export class EventStore {
  constructor(private readonly knex: Knex) {}

  /** Returns false when an event with the same source key was stored before. */
  async append(event: StoredEvent): Promise<boolean> {
    const inserted = await this.knex('sindri_events')
      .insert({
        id: event.id,
        source_key: event.sourceKey ?? null,
        instance_id: event.instance?.id ?? null,
        instance_name: event.instance?.name ?? null,
        at: event.at,
        type: event.type,
        severity: event.severity,
        message: event.message ?? null,
        data: event.data ? JSON.stringify(event.data) : null,
        subject_kind: event.subject?.kind ?? null,
        subject_id: event.subject?.id ?? null,
      })
      .onConflict('source_key')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  /** Up to `limit` events, newest first, and the cursor of the next page. */
  async page(
    query: EventQuery,
  ): Promise<{ items: FleetEvent[]; nextCursor?: string }> {
    const q = this.knex('sindri_events');
    if (query.types) q.whereIn('type', query.types);
    if (query.severities) q.whereIn('severity', query.severities);
    return pageByUlid(this.knex, q, query, toEvent);
  }

  /** Deletes events older than `before`; returns how many. */
  prune(before: Date): Promise<number> {
    return this.knex('sindri_events').where('at', '<', before).delete();
  }
}

function toEvent(row: any): FleetEvent {
  return {
    id: row.id,
    at: toIso(row.at)!,
    type: row.type,
    severity: row.severity,
    ...(row.instance_name ? { instance: row.instance_name } : {}),
    ...(row.message ? { message: row.message } : {}),
    ...(row.data ? { data: JSON.parse(row.data) } : {}),
    ...(row.subject_kind
      ? { subject: { kind: row.subject_kind, id: row.subject_id } }
      : {}),
  };
}
