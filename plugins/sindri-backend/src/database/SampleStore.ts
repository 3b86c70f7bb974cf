import { Knex } from 'knex';
import { MetricsSample } from '@internal/plugin-sindri-common';
import { rollUp } from './rollUp';

export const RESOLUTIONS = {
  raw: 0,
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
} as const;

export type Resolution = keyof typeof RESOLUTIONS;

/** Points one metrics read returns at most (a 1 h range at the default 30 s interval holds 120). */
export const MAX_SERIES_POINTS = 2000;

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

  private rollUp(from: Resolution, to: Resolution, now: Date): Promise<number> {
    const width = RESOLUTIONS[to];
    const lastComplete = new Date(Math.floor(now.getTime() / width) * width);
    return rollUp(this.knex, from, to, width, lastComplete);
  }
}
