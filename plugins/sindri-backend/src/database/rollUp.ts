import { Knex } from 'knex';
import { MetricsSample } from '@internal/plugin-sindri-common';
import { downsample } from './downsample';
import { toDate } from './time';

/** Instances folded together: their newest buckets are read in one query. */
const INSTANCES_PER_LOT = 200;
/** Rows read at a time: the whole lot's samples are never held at once. */
const PAGE = 500;
/** Buckets written per statement. Pages and writes are small: each is parsed or built while ingest waits. */
const WRITE_ROWS = 100;

interface Bucket {
  instanceId: string;
  start: number;
  samples: MetricsSample[];
  /** raw samples underneath: a raw row counts one, a bucket what it was folded from */
  sources: number;
}

/** Writes buckets many to a statement; writing one again replaces its average. */
class BucketWriter {
  private rows: Record<string, unknown>[] = [];

  constructor(
    private readonly knex: Knex,
    private readonly resolution: string,
  ) {}

  async add(bucket: Bucket) {
    const id = `${bucket.instanceId}:${this.resolution}:${bucket.start}`;
    const at = new Date(bucket.start);
    this.rows.push({
      id,
      instance_id: bucket.instanceId,
      resolution: this.resolution,
      at,
      data: JSON.stringify(downsample(bucket.samples, id, at)),
      source_count: bucket.sources,
    });
    if (this.rows.length >= WRITE_ROWS) await this.flush();
  }

  async flush() {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    await this.knex('metric_samples')
      .insert(rows)
      .onConflict('id')
      .merge(['data', 'source_count']);
  }
}

const rest = (since: number) =>
  new Promise(resolve => setTimeout(resolve, performance.now() - since));

/**
 * Folds the `from` samples of every instance into `to` buckets of `width` ms,
 * from where `foldFrom` says (its newest `to` bucket again only if samples
 * arrived late for it) up to `before`. Instances go in lots, read a page at a
 * time across the lot and written many buckets per statement, so a fleet
 * costs a few queries per lot rather than several per instance.
 */
export async function rollUp(
  knex: Knex,
  from: string,
  to: string,
  width: number,
  before: Date,
): Promise<number> {
  const instanceIds: string[] = await knex('metric_samples')
    .where({ resolution: from })
    .distinct()
    .pluck('instance_id');
  instanceIds.sort();
  let lotStarted = 0;
  let written = 0;
  for (let i = 0; i < instanceIds.length; i += INSTANCES_PER_LOT) {
    // a fleet's compaction must not take the CPU that ingest needs: after each lot, rest as long as it took
    if (i > 0) await rest(lotStarted);
    lotStarted = performance.now();
    const lot = instanceIds.slice(i, i + INSTANCES_PER_LOT);
    const since = await foldFrom(knex, { lot, from, to, width });
    // instances folded up to the same bucket before (most of a fleet) are read together
    const bySince = new Map<number, string[]>();
    for (const id of lot) {
      const start = since.get(id) ?? 0;
      bySince.set(start, [...(bySince.get(start) ?? []), id]);
    }
    const writer = new BucketWriter(knex, to);
    for (const [start, ids] of bySince) {
      // folded up to the last complete bucket already
      if (start >= before.getTime()) continue;
      written += await foldLot(knex, {
        ids,
        from,
        width,
        since: new Date(start),
        before,
        writer,
      });
    }
    await writer.flush();
  }
  return written;
}

/**
 * Where each instance of a lot is folded from: its newest `to` bucket again
 * only if the raw samples underneath it are not as many as when it was
 * folded (one arrived late, here or in a finer bucket, or it was folded
 * before they were counted); else the bucket after it. An instance never
 * folded starts from its first sample.
 */
async function foldFrom(
  knex: Knex,
  options: { lot: string[]; from: string; to: string; width: number },
): Promise<Map<string, number>> {
  const { lot, from, to, width } = options;
  const newest: Array<{ instance_id: string; at: unknown }> = await knex(
    'metric_samples',
  )
    .where({ resolution: to })
    .whereIn('instance_id', lot)
    .groupBy('instance_id')
    .select('instance_id')
    .max({ at: 'at' });
  const since = new Map<string, number>(
    newest.map(r => [r.instance_id, toDate(r.at)?.getTime() ?? 0]),
  );
  if (!newest.length) return since;
  const folded: Array<{ instance_id: string; source_count: number | null }> =
    await knex('metric_samples')
      .whereIn(
        'id',
        [...since].map(([id, at]) => `${id}:${to}:${at}`),
      )
      .select('instance_id', 'source_count');
  const foldedFrom = new Map(folded.map(r => [r.instance_id, r.source_count]));
  const byStart = new Map<number, string[]>();
  for (const [id, at] of since)
    byStart.set(at, [...(byStart.get(at) ?? []), id]);
  for (const [start, ids] of byStart) {
    const underneath: Array<{ instance_id: string; n: number | string }> =
      await knex('metric_samples')
        .where({ resolution: from })
        .whereIn('instance_id', ids)
        .where('at', '>=', new Date(start))
        .where('at', '<', new Date(start + width))
        .groupBy('instance_id')
        .select('instance_id', knex.raw('sum(coalesce(source_count, 1)) as n'));
    const now = new Map(underneath.map(r => [r.instance_id, Number(r.n)]));
    for (const id of ids) {
      const then = foldedFrom.get(id);
      if (typeof then === 'number' && then === (now.get(id) ?? 0))
        since.set(id, start + width);
    }
  }
  return since;
}

async function foldLot(
  knex: Knex,
  lot: {
    ids: string[];
    from: string;
    width: number;
    since: Date;
    before: Date;
    writer: BucketWriter;
  },
): Promise<number> {
  let written = 0;
  let bucket: Bucket | undefined;
  let after: { instanceId: string; at: Date; id: string } | undefined;
  for (;;) {
    const query = knex('metric_samples')
      .where({ resolution: lot.from })
      .whereIn('instance_id', lot.ids)
      .where('at', '>=', lot.since)
      .where('at', '<', lot.before);
    if (after) {
      const { instanceId, at, id } = after;
      query.where(q =>
        q
          .where('instance_id', '>', instanceId)
          .orWhere(same =>
            same
              .where('instance_id', instanceId)
              .where(t =>
                t
                  .where('at', '>', at)
                  .orWhere(tie => tie.where('at', at).where('id', '>', id)),
              ),
          ),
      );
    }
    const rows: Array<{
      instance_id: string;
      id: string;
      at: unknown;
      data: string;
      source_count: number | null;
    }> = await query
      .orderBy([{ column: 'instance_id' }, { column: 'at' }, { column: 'id' }])
      .limit(PAGE)
      .select('instance_id', 'id', 'at', 'data', 'source_count');
    for (const row of rows) {
      const sample: MetricsSample = JSON.parse(row.data);
      const start =
        Math.floor(new Date(sample.at).getTime() / lot.width) * lot.width;
      if (
        bucket &&
        (bucket.instanceId !== row.instance_id || bucket.start !== start)
      ) {
        await lot.writer.add(bucket);
        written += 1;
        bucket = undefined;
      }
      bucket ??= {
        instanceId: row.instance_id,
        start,
        samples: [],
        sources: 0,
      };
      bucket.samples.push(sample);
      bucket.sources += row.source_count ?? 1;
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    after = { instanceId: last.instance_id, at: toDate(last.at)!, id: last.id };
  }
  if (bucket) {
    await lot.writer.add(bucket);
    written += 1;
  }
  return written;
}
