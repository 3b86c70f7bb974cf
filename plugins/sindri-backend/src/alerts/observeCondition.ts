import { Knex } from 'knex';
import {
  AlertMetric,
  AlertRule,
  Registration,
} from '@internal/plugin-sindri-common';
import { LATEST_METRIC_COLUMNS } from '../database/latestMetrics';
import { toDate } from '../database/time';
import { AlertSubject } from './AlertStore';

/** What a rule's condition saw on one instance (or group) that it holds for. */
export interface Observation {
  subject: AlertSubject;
  value?: number;
  summary: string;
}

/** Samples older than this say nothing about now: the rule does not hold on stale data. */
const METRIC_FRESH_MS = 5 * 60_000;
/** Worst first: a rule's minimum takes it and everything before it. */
const ADVISORY_SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
const OPERATION_WINDOW_MS = 24 * 3600_000;

const round = (value: number) => Math.round(value * 10) / 10;

const METRIC_LABELS: Record<AlertMetric, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  inodes: 'Inodes',
};

/**
 * The instances in a rule's scope on which its condition holds now, from the
 * stored data: newest metrics samples, instance status, lifecycle operations
 * and what the agents registered.
 */
export async function observeCondition(
  knex: Knex,
  rule: AlertRule,
  now: Date,
): Promise<Map<string, Observation>> {
  const inScope = knex('instances').select('id');
  if (rule.scope.kind === 'group') inScope.where('owner', rule.scope.ref!);
  if (rule.scope.kind === 'instance') inScope.where('name', rule.scope.ref!);
  const found = new Map<string, Observation>();
  const { condition } = rule;

  if (condition.kind === 'metric') {
    // the last samples of an instance that stopped reporting say nothing of now
    inScope.where('status', 'running');
    const column = LATEST_METRIC_COLUMNS[condition.metric];
    const rows = await knex('instance_latest_metrics as l')
      .join('instances as i', 'i.id', 'l.instance_id')
      .whereIn('l.instance_id', inScope)
      .where('l.at', '>=', new Date(now.getTime() - METRIC_FRESH_MS))
      .where(`l.${column.value}`, '>', condition.threshold)
      .select(
        'l.instance_id',
        'i.name',
        { value: `l.${column.value}` },
        ...(column.where ? [{ where: `l.${column.where}` }] : []),
      );
    for (const row of rows) {
      const value = Number(row.value);
      found.set(row.instance_id, {
        subject: { instanceId: row.instance_id, instanceName: row.name },
        value: round(value),
        summary: `${METRIC_LABELS[condition.metric]} at ${round(value)} %${
          row.where ? ` on ${row.where}` : ''
        } (above ${condition.threshold} %)`,
      });
    }
  } else if (condition.kind === 'heartbeat-lost') {
    const rows = await knex('instances')
      .leftJoin('instance_liveness as l', 'l.instance_id', 'instances.id')
      .whereIn('instances.id', inScope)
      .where('status', 'unresponsive')
      .select('instances.id', 'name', 'l.last_heartbeat_at');
    for (const row of rows) {
      const last = toDate(row.last_heartbeat_at);
      found.set(row.id, {
        subject: { instanceId: row.id, instanceName: row.name },
        summary: last
          ? `No heartbeat since ${last.toISOString()}`
          : 'No heartbeat received',
      });
    }
  } else if (condition.kind === 'operation-failed') {
    const rows = await knex('lifecycle_operations')
      .whereIn('instance_id', inScope)
      .whereNotNull('finished_at')
      .where('finished_at', '>=', new Date(now.getTime() - OPERATION_WINDOW_MS))
      .orderBy('finished_at', 'desc')
      .select('instance_id', 'instance_name', 'kind', 'state', 'message');
    const newest = new Set<string>();
    for (const row of rows) {
      if (newest.has(row.instance_id)) continue;
      newest.add(row.instance_id);
      if (row.state === 'failed')
        found.set(row.instance_id, {
          subject: {
            instanceId: row.instance_id,
            instanceName: row.instance_name,
          },
          summary: `${row.kind} failed${
            row.message ? `: ${String(row.message).slice(0, 200)}` : ''
          }`,
        });
    }
  } else if (condition.kind === 'advisory') {
    const worst = ADVISORY_SEVERITIES.slice(
      0,
      ADVISORY_SEVERITIES.indexOf(condition.minSeverity) + 1,
    );
    const rows = await knex('instance_components as c')
      .join('security_matches as m', 'm.purl', 'c.purl')
      .join('security_advisories as a', 'a.id', 'm.advisory_id')
      .join('instances as i', 'i.id', 'c.instance_id')
      .whereIn('c.instance_id', inScope)
      .whereIn('a.severity', worst)
      .orderBy(['c.instance_id', 'a.id'])
      .select(
        'c.instance_id',
        'i.name',
        'a.id',
        'a.severity',
        'c.name as package',
        'c.version',
      );
    const byInstance = new Map<string, typeof rows>();
    for (const row of rows)
      byInstance.set(row.instance_id, [
        ...(byInstance.get(row.instance_id) ?? []),
        row,
      ]);
    for (const [instanceId, matched] of byInstance)
      found.set(instanceId, {
        subject: { instanceId, instanceName: matched[0].name },
        value: matched.length,
        summary: `${matched.length} advisor${
          matched.length === 1 ? 'y' : 'ies'
        } of ${condition.minSeverity} severity or worse: ${matched
          .map(r => `${r.id} (${r.severity}, ${r.package} ${r.version})`)
          .join(', ')
          .slice(0, 400)}`,
      });
  } else if (condition.kind === 'extension-install-failed') {
    const rows = await knex('instances')
      .whereIn('id', inScope)
      .where('registration', 'like', '%"failedExtensions":[{%')
      .select('id', 'name', 'registration');
    for (const row of rows) {
      const failed = (JSON.parse(row.registration) as Registration)
        .failedExtensions;
      if (failed?.length)
        found.set(row.id, {
          subject: { instanceId: row.id, instanceName: row.name },
          value: failed.length,
          summary: `Install failed: ${failed
            .map(f => `${f.name}${f.error ? ` (${f.error})` : ''}`)
            .join(', ')
            .slice(0, 400)}`,
        });
    }
  }
  return found;
}
