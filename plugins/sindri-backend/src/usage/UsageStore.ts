import { Knex } from 'knex';
import { MetricsSample } from '@internal/plugin-sindri-common';
import { toDate } from '../database/time';

/** What idle detection and right-sizing read of a sample. */
export interface UsageSample {
  at: Date;
  cpuPercent?: number;
  memoryUsedBytes?: number;
  /** cumulative bytes received and sent */
  networkBytes?: number;
}

const HOUR_MS = 3_600_000;

function usageOf(at: Date, data: string): UsageSample {
  const s = JSON.parse(data) as MetricsSample;
  return {
    at,
    ...(s.cpu ? { cpuPercent: s.cpu.percent } : {}),
    ...(s.memory
      ? { memoryUsedBytes: s.memory.totalBytes - s.memory.availableBytes }
      : {}),
    ...(s.network
      ? { networkBytes: s.network.rxBytes + s.network.txBytes }
      : {}),
  };
}

/** The activity an instance shows: terminal sessions, commands and its metrics samples. */
export class UsageStore {
  constructor(private readonly knex: Knex) {}

  /** When the instance first registered: its first status change. */
  async firstSeen(instanceId: string): Promise<Date | undefined> {
    const row = await this.knex('instance_status_changes')
      .where({ instance_id: instanceId })
      .min({ at: 'at' })
      .first();
    return toDate(row?.at);
  }

  /** The newest terminal session: when it ended, or now while it is open. */
  async lastTerminal(instanceId: string, now: Date) {
    const row = await this.knex('terminal_sessions')
      .where({ instance_id: instanceId })
      .orderBy('started_at', 'desc')
      .first('started_at', 'ended_at', 'opened_by');
    if (!row) return undefined;
    return { at: toDate(row.ended_at) ?? now, by: String(row.opened_by) };
  }

  /** The newest command run on the instance, and who ran it. */
  async lastCommand(instanceId: string) {
    const row = await this.knex('command_results as r')
      .join('command_runs as c', 'c.id', 'r.run_id')
      .where('r.instance_id', instanceId)
      .orderBy('c.created_at', 'desc')
      .first('c.created_at', 'r.ended_at', 'c.created_by');
    if (!row) return undefined;
    return {
      at: toDate(row.ended_at) ?? toDate(row.created_at)!,
      by: String(row.created_by),
    };
  }

  /**
   * The instance's samples since `from`, at the finest resolution kept for
   * each moment (raw, then 5-minute, then hourly averages), oldest first.
   */
  async finestSince(instanceId: string, from: Date): Promise<UsageSample[]> {
    const rows = await this.knex('metric_samples')
      .where({ instance_id: instanceId })
      .where('at', '>=', from)
      .orderBy('at')
      .select('resolution', 'at', 'data');
    const by = (resolution: string) =>
      rows
        .filter(r => r.resolution === resolution)
        .map(r => usageOf(toDate(r.at)!, r.data));
    const raw = by('raw');
    const fine = by('5m').filter(s => !raw.length || s.at < raw[0].at);
    const oldest = fine[0] ?? raw[0];
    const hourly = by('1h').filter(s => !oldest || s.at < oldest.at);
    return [...hourly, ...fine, ...raw];
  }

  /** Hourly averages since `from`. */
  async hourly(instanceId: string, from: Date): Promise<UsageSample[]> {
    const rows = await this.knex('metric_samples')
      .where({ instance_id: instanceId, resolution: '1h' })
      .where('at', '>=', from)
      .orderBy('at')
      .select('at', 'data');
    return rows.map(r => usageOf(toDate(r.at)!, r.data));
  }

  /**
   * Developer-hours of the instances between `from` and `to`: distinct
   * (user, UTC hour) pairs in which the user had a terminal session open on
   * one of them or started a command on one.
   */
  async developerHours(
    instanceIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<number> {
    if (!instanceIds.length) return 0;
    const hours = new Set<string>();
    const hour = (t: number) => Math.floor(t / HOUR_MS);
    const ids = [...instanceIds];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const sessions = await this.knex('terminal_sessions')
        .whereIn('instance_id', chunk)
        .where('started_at', '<', to)
        .where(q => q.whereNull('ended_at').orWhere('ended_at', '>=', from))
        .select('opened_by', 'started_at', 'ended_at');
      for (const s of sessions) {
        const start = Math.max(toDate(s.started_at)!.getTime(), from.getTime());
        const end = Math.min(
          (toDate(s.ended_at) ?? to).getTime(),
          to.getTime(),
        );
        for (let h = hour(start); h <= hour(end); h++)
          hours.add(`${s.opened_by} ${h}`);
      }
      const commands = await this.knex('command_results as r')
        .join('command_runs as c', 'c.id', 'r.run_id')
        .whereIn('r.instance_id', chunk)
        .whereBetween('c.created_at', [from, to])
        .distinct('c.created_by', 'c.created_at');
      for (const c of commands)
        hours.add(`${c.created_by} ${hour(toDate(c.created_at)!.getTime())}`);
    }
    return hours.size;
  }
}
