import { Knex } from 'knex';
import {
  Alert,
  AlertSeverity,
  AlertState,
} from '@internal/plugin-sindri-common';
import { pageByUlid, UlidPageQuery } from '../database/pageByUlid';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';
import { toDate, toIso } from '../database/time';

const TABLE = 'sindri_alerts';

/** What an alert concerns: an instance, or (a budget alert) an owner group. */
export type AlertSubject =
  | { instanceId: string; instanceName: string; group?: undefined }
  | { group: string; instanceId?: undefined; instanceName?: undefined };

/** The key an open alert is unique by within its rule. */
export const subjectKey = (subject: AlertSubject) =>
  subject.group ?? subject.instanceId;

/** An alert as the evaluator keeps it: the stored row with dates. */
export interface OpenAlert {
  id: string;
  ruleId: string;
  subject: AlertSubject;
  state: 'pending' | 'firing';
  pendingSince: Date;
  lastTrueAt: Date;
}

export interface NewAlert {
  id: string;
  ruleId: string;
  ruleName: string;
  subject: AlertSubject;
  severity: AlertSeverity;
  value?: number;
  summary: string;
  now: Date;
}

export interface AlertListQuery extends Omit<UlidPageQuery, 'readable'> {
  state?: 'open' | AlertState;
  /** the instances whose alerts the reader may see (absent: all) */
  readable?: UlidPageQuery['readable'];
  /** the groups whose budget alerts the reader may see */
  groups: 'all' | readonly string[];
}

const subjectOfRow = (row: any): AlertSubject =>
  row.group_ref
    ? { group: row.group_ref }
    : { instanceId: row.instance_id, instanceName: row.instance_name };

export function alertFromRow(row: any): Alert & { instanceId?: string } {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    ...(row.group_ref
      ? { group: row.group_ref }
      : { instance: row.instance_name, instanceId: row.instance_id }),
    state: row.state,
    severity: row.severity,
    ...(row.value !== null ? { value: Number(row.value) } : {}),
    summary: row.summary,
    pendingSince: toIso(row.pending_since)!,
    ...(row.fired_at ? { firedAt: toIso(row.fired_at) } : {}),
    ...(row.resolved_at ? { resolvedAt: toIso(row.resolved_at) } : {}),
    ...(row.acknowledged_by
      ? {
          acknowledged: {
            by: row.acknowledged_by,
            at: toIso(row.acknowledged_at)!,
          },
        }
      : {}),
    ...(row.silenced_by
      ? { silenced: { by: row.silenced_by, until: toIso(row.silenced_until)! } }
      : {}),
  };
}

/** Alerts: at most one open (pending or firing) per rule and instance, kept after they resolve. */
export class AlertStore {
  constructor(private readonly knex: Knex) {}

  async open(): Promise<OpenAlert[]> {
    const rows = await this.knex(TABLE).whereNotNull('open_key');
    return rows.map(r => ({
      id: r.id,
      ruleId: r.rule_id,
      subject: subjectOfRow(r),
      state: r.state,
      pendingSince: toDate(r.pending_since)!,
      lastTrueAt: toDate(r.last_true_at)!,
    }));
  }

  async insert(alert: NewAlert, state: 'pending' | 'firing'): Promise<void> {
    await this.knex(TABLE).insert({
      id: alert.id,
      rule_id: alert.ruleId,
      rule_name: alert.ruleName,
      instance_id: alert.subject.instanceId ?? null,
      instance_name: alert.subject.instanceName ?? null,
      group_ref: alert.subject.group ?? null,
      open_key: `${alert.ruleId}:${subjectKey(alert.subject)}`,
      state,
      severity: alert.severity,
      value: alert.value ?? null,
      summary: alert.summary.slice(0, 512),
      pending_since: alert.now,
      last_true_at: alert.now,
      fired_at: state === 'firing' ? alert.now : null,
    });
  }

  /** The condition still holds: the newest value and summary, and the rule's current name and severity. */
  async stillTrue(
    id: string,
    seen: Pick<NewAlert, 'ruleName' | 'severity' | 'value' | 'summary' | 'now'>,
  ): Promise<void> {
    await this.knex(TABLE)
      .where({ id })
      .update({
        rule_name: seen.ruleName,
        severity: seen.severity,
        value: seen.value ?? null,
        summary: seen.summary.slice(0, 512),
        last_true_at: seen.now,
      });
  }

  async fire(id: string, now: Date): Promise<void> {
    await this.knex(TABLE)
      .where({ id, state: 'pending' })
      .update({ state: 'firing', fired_at: now });
  }

  async resolve(id: string, now: Date): Promise<void> {
    await this.knex(TABLE)
      .where({ id })
      .update({ state: 'resolved', resolved_at: now, open_key: null });
  }

  /** A pending alert whose condition stopped holding before it fired leaves no trace. */
  async discard(id: string): Promise<void> {
    await this.knex(TABLE).where({ id, state: 'pending' }).delete();
  }

  async get(id: string) {
    const row = await this.knex(TABLE).where({ id }).first();
    return row ? alertFromRow(row) : undefined;
  }

  async acknowledge(id: string, by: string, at: Date): Promise<void> {
    await this.knex(TABLE)
      .where({ id })
      .update({ acknowledged_by: by, acknowledged_at: at });
  }

  async silence(id: string, by: string | null, until: Date | null) {
    await this.knex(TABLE)
      .where({ id })
      .update({ silenced_by: by, silenced_until: until });
  }

  page(query: AlertListQuery): Promise<{
    items: Alert[];
    nextCursor?: string;
  }> {
    const q = this.knex(TABLE);
    if (query.state === 'open') q.whereNotNull('open_key');
    else if (query.state) q.where('state', query.state);
    const { readable, groups } = query;
    q.where(visible => {
      visible.where(instances => {
        instances.whereNotNull('instance_id');
        if (readable)
          instances.whereIn(
            'instance_id',
            whereInstanceCriteria(
              this.knex('instances').select('id'),
              readable,
            ),
          );
      });
      // an instance filter leaves group alerts out
      if (query.instanceName) return;
      if (groups === 'all') visible.orWhereNotNull('group_ref');
      else if (groups.length) visible.orWhereIn('group_ref', [...groups]);
    });
    return pageByUlid(this.knex, q, { ...query, readable: undefined }, row => {
      const { instanceId, ...alert } = alertFromRow(row);
      return alert;
    });
  }
}
