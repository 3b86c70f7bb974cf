import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';
import { toDate } from '../database/time';

const HOUR_MS = 3_600_000;
/** Metrics newer than this count as "now". */
const NOW_WINDOW_MS = 5 * 60_000;

type Row = Record<string, any>;

/** The queries behind the fleet overview, each over the instances the reader may see. */
export class FleetSummaryStore {
  constructor(private readonly knex: Knex) {}

  /** The readable registered instances' ids, as a sub-query. */
  private readable(criteria?: PermissionCriteria<InstanceQuery>) {
    const q = this.knex('instances').whereNotNull('registered_at').select('id');
    return criteria ? whereInstanceCriteria(q, criteria) : q;
  }

  /** Registered instances by status, provider and region. */
  async groups(criteria?: PermissionCriteria<InstanceQuery>): Promise<Row[]> {
    const q = this.knex('instances')
      .whereNotNull('registered_at')
      .groupBy('status', 'provider', 'region')
      .select('status', 'provider', 'region')
      .count({ n: '*' });
    if (criteria) whereInstanceCriteria(q, criteria);
    return (await q) as Row[];
  }

  /** Readable registered instances by drift status. */
  async driftCounts(criteria?: PermissionCriteria<InstanceQuery>) {
    const rows = await this.knex('instance_drift')
      .whereIn('instance_id', this.readable(criteria))
      .groupBy('status')
      .select('status')
      .count({ n: '*' });
    const counts = { 'in-sync': 0, drifted: 0, unknown: 0 };
    for (const row of rows as Array<{ status: string; n: number | string }>)
      if (row.status in counts)
        counts[row.status as keyof typeof counts] = Number(row.n);
    return counts;
  }

  async liveCounts(criteria?: PermissionCriteria<InstanceQuery>) {
    const readable = this.readable(criteria);
    const [[terminals], [commands]] = await Promise.all([
      this.knex('terminal_sessions')
        .whereNull('ended_at')
        .whereIn('instance_id', readable.clone())
        .count({ n: '*' }),
      this.knex('command_results')
        .where({ state: 'running' })
        .whereIn('instance_id', readable.clone())
        .count({ n: '*' }),
    ]);
    return {
      terminalSessions: Number(terminals.n),
      runningCommands: Number(commands.n),
    };
  }

  /** Lifecycle operations started since `from`: kind, state and start. */
  async operationsSince(
    from: Date,
    criteria?: PermissionCriteria<InstanceQuery>,
  ): Promise<Array<{ kind: string; state: string; startedAt: Date }>> {
    const rows = await this.knex('lifecycle_operations')
      .where('started_at', '>=', from)
      .whereIn('instance_id', this.readable(criteria))
      .select('kind', 'state', 'started_at');
    return rows.map(r => ({
      kind: r.kind,
      state: r.state,
      startedAt: toDate(r.started_at)!,
    }));
  }

  /** Each readable instance's newest raw metrics sample of the last minutes. */
  async newestMetrics(
    now: Date,
    criteria?: PermissionCriteria<InstanceQuery>,
  ): Promise<Array<{ name: string; at: Date; data: any }>> {
    const ranked = this.knex('metric_samples')
      .where({ resolution: 'raw' })
      .where('at', '>=', new Date(now.getTime() - NOW_WINDOW_MS))
      .whereIn('instance_id', this.readable(criteria))
      .select(
        'instance_id',
        'at',
        'data',
        this.knex.raw(
          'row_number() over (partition by instance_id order by at desc) as rank',
        ),
      );
    const rows = await this.knex
      .from(ranked.as('r'))
      .join('instances as i', 'i.id', 'r.instance_id')
      .where('r.rank', 1)
      .select('i.name', 'r.at', 'r.data');
    return rows.map(r => ({
      name: r.name,
      at: toDate(r.at)!,
      data: JSON.parse(r.data),
    }));
  }

  /** The stored availability of the readable instances, and when it was computed. */
  async availability(criteria?: PermissionCriteria<InstanceQuery>) {
    const rows = await this.knex('instance_availability as a')
      .join('instances as i', 'i.id', 'a.instance_id')
      .whereIn('a.instance_id', this.readable(criteria))
      .orderBy('i.name')
      .select('i.name', 'a.ratio_24h', 'a.ratio_7d', 'a.computed_at');
    return rows.map(r => ({
      instance: r.name as string,
      ratio24h: r.ratio_24h === null ? null : Number(r.ratio_24h),
      ratio7d: r.ratio_7d === null ? null : Number(r.ratio_7d),
      computedAt: toDate(r.computed_at)!,
    }));
  }
}

export const startOfHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
export { HOUR_MS };
