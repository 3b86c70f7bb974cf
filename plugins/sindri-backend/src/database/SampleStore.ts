import { Knex } from 'knex';
import { InstanceEvent, MetricsSample } from '@internal/plugin-sindri-common';
import { downsample } from './downsample';
import { toDate, toIso } from './time';

export const RESOLUTIONS = {
  raw: 0,
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
} as const;

export type Resolution = keyof typeof RESOLUTIONS;

/** How long each resolution is kept. */
export interface RetentionPolicy {
  rawMs: number;
  fiveMinuteMs: number;
  hourMs: number;
}

/** Heartbeats, metrics and events. Inserts are idempotent on the agent's sample id. */
export class SampleStore {
  constructor(private readonly knex: Knex) {}

  /** Returns false when an event with this id was stored before. */
  async addEvent(instanceId: string, event: InstanceEvent): Promise<boolean> {
    return this.insertOnce('instance_events', {
      id: event.id,
      instance_id: instanceId,
      at: new Date(event.at),
      type: event.type,
      message: event.message ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
    });
  }

  async metricsSeries(instanceId: string, options: { from: Date; to: Date; resolution: Resolution }): Promise<MetricsSample[]> {
    const rows = await this.knex('metric_samples')
      .where({ instance_id: instanceId, resolution: options.resolution })
      .where('at', '>=', options.from)
      .where('at', '<=', options.to)
      .orderBy('at')
      .select('data');
    return rows.map(r => JSON.parse(r.data));
  }

  async events(instanceId: string, options: { limit: number; before?: Date }): Promise<InstanceEvent[]> {
    const query = this.knex('instance_events').where({ instance_id: instanceId });
    if (options.before) query.where('at', '<', options.before);
    const rows = await query.orderBy('at', 'desc').limit(options.limit);
    return rows.map(r => ({
      id: r.id,
      at: toIso(r.at)!,
      type: r.type,
      ...(r.message ? { message: r.message } : {}),
      ...(r.data ? { data: JSON.parse(r.data) } : {}),
    }));
  }

  /**
   * Folds raw samples into 5-minute buckets and those into hourly ones (every
   * complete bucket, recomputed idempotently), then deletes what is older than
   * each resolution's retention.
   */
  async compact(policy: RetentionPolicy, now = new Date()): Promise<{ downsampled: number; pruned: number }> {
    let downsampled = 0;
    downsampled += await this.rollUp('raw', '5m', now);
    downsampled += await this.rollUp('5m', '1h', now);
    let pruned = 0;
    pruned += await this.knex('metric_samples').where({ resolution: 'raw' }).where('at', '<', new Date(now.getTime() - policy.rawMs)).delete();
    pruned += await this.knex('heartbeats').where('at', '<', new Date(now.getTime() - policy.rawMs)).delete();
    pruned += await this.knex('metric_samples').where({ resolution: '5m' }).where('at', '<', new Date(now.getTime() - policy.fiveMinuteMs)).delete();
    pruned += await this.knex('metric_samples').where({ resolution: '1h' }).where('at', '<', new Date(now.getTime() - policy.hourMs)).delete();
    pruned += await this.knex('instance_events').where('at', '<', new Date(now.getTime() - policy.hourMs)).delete();
    return { downsampled, pruned };
  }

  private async rollUp(from: Resolution, to: Resolution, now: Date): Promise<number> {
    const width = RESOLUTIONS[to];
    const lastComplete = Math.floor(now.getTime() / width) * width;
    const instances = await this.knex('metric_samples').where({ resolution: from }).distinct('instance_id');
    let written = 0;
    for (const { instance_id: instanceId } of instances) {
      const newest = await this.knex('metric_samples').where({ instance_id: instanceId, resolution: to }).max({ at: 'at' }).first();
      // recompute the newest bucket too: samples may have arrived late for it
      const start = toDate(newest?.at)?.getTime() ?? 0;
      const rows = await this.knex('metric_samples')
        .where({ instance_id: instanceId, resolution: from })
        .where('at', '>=', new Date(start))
        .where('at', '<', new Date(lastComplete))
        .select('data');
      const buckets = new Map<number, MetricsSample[]>();
      for (const row of rows) {
        const sample: MetricsSample = JSON.parse(row.data);
        const bucket = Math.floor(new Date(sample.at).getTime() / width) * width;
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), sample]);
      }
      for (const [bucket, samples] of buckets) {
        const id = `${instanceId}:${to}:${bucket}`;
        const at = new Date(bucket);
        await this.knex('metric_samples')
          .insert({ id, instance_id: instanceId, resolution: to, at, data: JSON.stringify(downsample(samples, id, at)) })
          .onConflict('id')
          .merge(['data']);
        written += 1;
      }
    }
    return written;
  }

  private async insertOnce(table: string, row: Record<string, unknown>): Promise<boolean> {
    const result: unknown = await this.knex(table).insert(row).onConflict('id').ignore();
    // pg reports inserted rows in rowCount, better-sqlite3 in the returned array's first element
    if (Array.isArray(result)) return result.length > 0 && result[0] !== 0;
    return (result as { rowCount?: number }).rowCount !== 0;
  }
}
