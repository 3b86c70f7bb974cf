import { Knex } from 'knex';
import { MetricsSample } from '@internal/plugin-sindri-common';
import { downsample } from './downsample';
import { toDate } from './time';

export const RESOLUTIONS = {
  raw: 0,
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
} as const;

export type Resolution = keyof typeof RESOLUTIONS;

/** Points one metrics read returns at most (a 1 h range at the default 30 s interval holds 120). */
export const MAX_SERIES_POINTS = 2000;

/** Rows read at a time when folding samples into coarser buckets. */
const ROLL_UP_PAGE = 2000;

/** How long each resolution is kept. */
export interface RetentionPolicy {
  rawMs: number;
  fiveMinuteMs: number;
  hourMs: number;
}

/** Heartbeats and metrics. Inserts are idempotent on the agent's sample id. */
export class SampleStore {
  constructor(private readonly knex: Knex) {}

  /**
   * The instance's samples in a time range, oldest first: at most
   * `MAX_SERIES_POINTS`, the newest, whatever its agent stored
   * (`truncated` says some were left out).
   */
  async metricsSeries(
    instanceId: string,
    options: { from: Date; to: Date; resolution: Resolution },
  ): Promise<{ items: MetricsSample[]; truncated: boolean }> {
    const rows = await this.knex('metric_samples')
      .where({ instance_id: instanceId, resolution: options.resolution })
      .where('at', '>=', options.from)
      .where('at', '<=', options.to)
      .orderBy('at', 'desc')
      .limit(MAX_SERIES_POINTS + 1)
      .select('data');
    const truncated = rows.length > MAX_SERIES_POINTS;
    return {
      items: rows
        .slice(0, MAX_SERIES_POINTS)
        .reverse()
        .map(r => JSON.parse(r.data)),
      truncated,
    };
  }

  /**
   * Folds raw samples into 5-minute buckets and those into hourly ones (every
   * complete bucket, recomputed idempotently), then deletes what is older than
   * each resolution's retention.
   */
  async compact(
    policy: RetentionPolicy,
    now = new Date(),
  ): Promise<{ downsampled: number; pruned: number }> {
    let downsampled = 0;
    downsampled += await this.rollUp('raw', '5m', now);
    downsampled += await this.rollUp('5m', '1h', now);
    let pruned = 0;
    pruned += await this.knex('metric_samples')
      .where({ resolution: 'raw' })
      .where('at', '<', new Date(now.getTime() - policy.rawMs))
      .delete();
    pruned += await this.knex('heartbeats')
      .where('at', '<', new Date(now.getTime() - policy.rawMs))
      .delete();
    pruned += await this.knex('metric_samples')
      .where({ resolution: '5m' })
      .where('at', '<', new Date(now.getTime() - policy.fiveMinuteMs))
      .delete();
    pruned += await this.knex('metric_samples')
      .where({ resolution: '1h' })
      .where('at', '<', new Date(now.getTime() - policy.hourMs))
      .delete();
    return { downsampled, pruned };
  }

  private async rollUp(
    from: Resolution,
    to: Resolution,
    now: Date,
  ): Promise<number> {
    const width = RESOLUTIONS[to];
    const lastComplete = new Date(Math.floor(now.getTime() / width) * width);
    const instances = await this.knex('metric_samples')
      .where({ resolution: from })
      .distinct('instance_id');
    let written = 0;
    for (const { instance_id: instanceId } of instances)
      written += await this.rollUpInstance(instanceId, from, to, lastComplete);
    return written;
  }

  /** Folds one instance's `from` samples into `to` buckets, from its newest `to` bucket up to `before`. */
  private async rollUpInstance(
    instanceId: string,
    from: Resolution,
    to: Resolution,
    before: Date,
  ): Promise<number> {
    const width = RESOLUTIONS[to];
    const newest = await this.knex('metric_samples')
      .where({ instance_id: instanceId, resolution: to })
      .max({ at: 'at' })
      .first();
    // recompute the newest bucket too: samples may have arrived late for it
    const since = new Date(toDate(newest?.at)?.getTime() ?? 0);
    let written = 0;
    let bucket: { start: number; samples: MetricsSample[] } | undefined;
    for await (const sample of this.samplesBetween(
      instanceId,
      from,
      since,
      before,
    )) {
      const start = Math.floor(new Date(sample.at).getTime() / width) * width;
      if (bucket && bucket.start !== start) {
        await this.writeBucket(instanceId, to, bucket);
        written += 1;
        bucket = undefined;
      }
      bucket ??= { start, samples: [] };
      bucket.samples.push(sample);
    }
    if (bucket) {
      await this.writeBucket(instanceId, to, bucket);
      written += 1;
    }
    return written;
  }

  /** An instance's samples of one resolution in [since, before), oldest first, read a page at a time: never whole. */
  private async *samplesBetween(
    instanceId: string,
    resolution: Resolution,
    since: Date,
    before: Date,
  ): AsyncGenerator<MetricsSample> {
    let after = { at: since, id: '' };
    for (;;) {
      const { at, id } = after;
      const rows: Array<{ id: string; at: unknown; data: string }> =
        await this.knex('metric_samples')
          .where({ instance_id: instanceId, resolution })
          .where(q =>
            q
              .where('at', '>', at)
              .orWhere(w => w.where('at', '=', at).where('id', '>', id)),
          )
          .where('at', '<', before)
          .orderBy([{ column: 'at' }, { column: 'id' }])
          .limit(ROLL_UP_PAGE)
          .select('id', 'at', 'data');
      for (const row of rows) yield JSON.parse(row.data);
      if (rows.length < ROLL_UP_PAGE) return;
      const last = rows[rows.length - 1];
      after = { at: toDate(last.at)!, id: last.id };
    }
  }

  private async writeBucket(
    instanceId: string,
    resolution: Resolution,
    bucket: { start: number; samples: MetricsSample[] },
  ) {
    const id = `${instanceId}:${resolution}:${bucket.start}`;
    const at = new Date(bucket.start);
    await this.knex('metric_samples')
      .insert({
        id,
        instance_id: instanceId,
        resolution,
        at,
        data: JSON.stringify(downsample(bucket.samples, id, at)),
      })
      .onConflict('id')
      .merge(['data']);
  }
}
