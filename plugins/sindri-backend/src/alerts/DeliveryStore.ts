import { Knex } from 'knex';
import {
  AlertChannelType,
  AlertDelivery,
} from '@internal/plugin-sindri-common';
import { toDate, toIso } from '../database/time';

const TABLE = 'sindri_alert_deliveries';

export type Transition = 'fired' | 'resolved';

/** Where one message goes: a channel, or the owners' Backstage notification. */
export interface DeliveryChannel {
  id?: string;
  type: AlertChannelType | 'notifications';
  name: string;
}

/** A message due to be sent (again). */
export interface DueDelivery {
  id: number;
  alertId: string;
  channel: DeliveryChannel;
  transition: Transition;
  attempts: number;
}

function fromRow(row: any): AlertDelivery {
  return {
    id: Number(row.id),
    channel: {
      ...(row.channel_id ? { id: row.channel_id } : {}),
      type: row.channel_type,
      name: row.channel_name,
    },
    transition: row.transition,
    state: row.state,
    attempts: row.attempts,
    ...(row.last_status !== null ? { lastStatus: row.last_status } : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    ...(row.next_attempt_at
      ? { nextAttemptAt: toIso(row.next_attempt_at) }
      : {}),
    ...(row.delivered_at ? { deliveredAt: toIso(row.delivered_at) } : {}),
    createdAt: toIso(row.created_at)!,
  };
}

/** The delivery log: one row per message, with its attempts and outcome. */
export class DeliveryStore {
  constructor(private readonly knex: Knex) {}

  async enqueue(
    alertId: string,
    transition: Transition,
    channels: DeliveryChannel[],
    now: Date,
  ): Promise<void> {
    if (!channels.length) return;
    await this.knex(TABLE).insert(
      channels.map(channel => ({
        alert_id: alertId,
        channel_id: channel.id ?? null,
        channel_type: channel.type,
        channel_name: channel.name,
        transition,
        state: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })),
    );
  }

  async due(now: Date, limit = 100): Promise<DueDelivery[]> {
    const rows = await this.knex(TABLE)
      .where('state', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit);
    return rows.map(row => ({
      id: Number(row.id),
      alertId: row.alert_id,
      channel: {
        id: row.channel_id ?? undefined,
        type: row.channel_type,
        name: row.channel_name,
      },
      transition: row.transition,
      attempts: row.attempts,
    }));
  }

  async delivered(id: number, status: number | undefined, now: Date) {
    await this.knex(TABLE)
      .where({ id })
      .increment('attempts', 1)
      .update({
        state: 'delivered',
        last_status: status ?? null,
        last_error: null,
        next_attempt_at: null,
        delivered_at: now,
      });
  }

  /** A failed attempt: tried again at `retryAt`, or given up on without one. */
  async attemptFailed(
    id: number,
    failure: { status?: number; error: string },
    retryAt: Date | undefined,
  ) {
    await this.knex(TABLE)
      .where({ id })
      .increment('attempts', 1)
      .update({
        state: retryAt ? 'pending' : 'failed',
        last_status: failure.status ?? null,
        last_error: failure.error.slice(0, 512),
        next_attempt_at: retryAt ?? null,
      });
  }

  async forAlert(alertId: string): Promise<AlertDelivery[]> {
    return (
      await this.knex(TABLE).where({ alert_id: alertId }).orderBy('id')
    ).map(fromRow);
  }

  /** When the next pending message is due, if any. */
  async nextDue(): Promise<Date | undefined> {
    const row = await this.knex(TABLE)
      .where('state', 'pending')
      .min({ at: 'next_attempt_at' })
      .first();
    return toDate(row?.at);
  }
}
