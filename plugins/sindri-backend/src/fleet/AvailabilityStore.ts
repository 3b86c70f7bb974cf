import { Knex } from 'knex';
import { toDate } from '../database/time';

const DAY_MS = 86_400_000;
const BUCKET_MS = 5 * 60_000;

/**
 * Availability per instance: the share of expected heartbeats received in
 * the last 24 h, and of 5-minute intervals holding a metrics sample in the
 * last 7 days, each over the part of the window since it registered.
 */
export class AvailabilityStore {
  constructor(private readonly knex: Knex) {}

  /** Computes every registered instance's availability now and stores it; returns how many. */
  async compute(now = new Date()): Promise<number> {
    const day = new Date(now.getTime() - DAY_MS);
    const week = new Date(now.getTime() - 7 * DAY_MS);
    const instances = await this.knex('instances')
      .whereNotNull('registered_at')
      .select('id', 'registered_at', 'heartbeat_interval_s');
    const counts = async (q: Knex.QueryBuilder) =>
      new Map<string, number>(
        (
          (await q.groupBy('instance_id').select('instance_id').count({
            n: '*',
          })) as Array<{ instance_id: string; n: unknown }>
        ).map(r => [r.instance_id, Number(r.n)]),
      );
    const heartbeats = await counts(
      this.knex('heartbeats').where('at', '>=', day),
    );
    const buckets = await counts(
      this.knex('metric_samples')
        .where({ resolution: '5m' })
        .where('at', '>=', week),
    );
    const rows = instances.map(i => {
      const since = toDate(i.registered_at)!.getTime();
      const ratio = (received: number, from: Date, stepMs: number) => {
        const expected = Math.floor(
          (now.getTime() - Math.max(from.getTime(), since)) / stepMs,
        );
        return expected > 0 ? Math.min(1, received / expected) : null;
      };
      return {
        instance_id: i.id,
        ratio_24h: ratio(
          heartbeats.get(i.id) ?? 0,
          day,
          (i.heartbeat_interval_s ?? 10) * 1000,
        ),
        ratio_7d: ratio(buckets.get(i.id) ?? 0, week, BUCKET_MS),
        computed_at: now,
      };
    });
    await this.knex.transaction(async tx => {
      await tx('instance_availability').delete();
      for (let i = 0; i < rows.length; i += 200)
        await tx('instance_availability').insert(rows.slice(i, i + 200));
    });
    return rows.length;
  }
}
