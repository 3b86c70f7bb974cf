import type { components } from '../schema/openapi.generated';
import { z } from 'zod';
import { INSTANCE_EVENT_TYPES } from '../protocol/samples';
import { instanceNameSchema } from '../protocol/registration';

/** An event on the fleet's timeline (`GET /events`, `GET /instances/{name}/events`). */
export type FleetEvent = components['schemas']['FleetEvent'];
export type FleetEventType = FleetEvent['type'];
export type EventSeverity = FleetEvent['severity'];
export type EventSubject = NonNullable<FleetEvent['subject']>;
export type EventPage = components['schemas']['EventPage'];

/** The events the portal records itself, beside those its agents send. */
export const PORTAL_EVENT_TYPES = [
  'connected',
  'disconnected',
  'heartbeat-lost',
  'recovered',
  'terminal-opened',
  'terminal-closed',
  'command-run',
  'alert-fired',
  'alert-resolved',
] as const;

export const FLEET_EVENT_TYPES = [
  ...INSTANCE_EVENT_TYPES,
  ...PORTAL_EVENT_TYPES,
] as const satisfies readonly FleetEventType[];

export const EVENT_SEVERITIES = [
  'info',
  'warning',
  'error',
] as const satisfies readonly EventSeverity[];

/** What an event says when its recorder gives no severity. */
export const DEFAULT_EVENT_SEVERITY: Record<FleetEventType, EventSeverity> = {
  started: 'info',
  stopped: 'info',
  deploy: 'info',
  'extension-installed': 'info',
  'extension-removed': 'info',
  'extension-failed': 'warning',
  'config-changed': 'info',
  'agent-warning': 'warning',
  lifecycle: 'info',
  drift: 'warning',
  connected: 'info',
  disconnected: 'info',
  'heartbeat-lost': 'error',
  recovered: 'info',
  'terminal-opened': 'info',
  'terminal-closed': 'info',
  'command-run': 'info',
  'alert-fired': 'warning',
  'alert-resolved': 'info',
};

/** Event ids are ULIDs: sortable by time, and the page cursor. */
export const EVENT_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `a,b` as the query says it (or already split, as the spec's validator may leave it). */
const commaList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .union([z.string().transform(text => text.split(',')), z.array(z.string())])
    .pipe(z.array(z.enum(values)).min(1).max(32));

/** The query of both event routes; `instance` only on the fleet's. */
export const eventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(EVENT_ID_PATTERN).optional(),
  type: commaList(FLEET_EVENT_TYPES).optional(),
  severity: commaList(EVENT_SEVERITIES).optional(),
  instance: instanceNameSchema.optional(),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;
