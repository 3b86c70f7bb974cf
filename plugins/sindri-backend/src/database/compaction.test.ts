import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateUp } from './migrations';
import { SampleStore } from './SampleStore';

jest.setTimeout(60_000);

const minute = 60_000;

describe('SampleStore.compact', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'folds a fleet in lots with a few queries each, every instance from its own newest bucket, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const base = new Date('2026-11-20T10:00:00Z').getTime();
      const ids = Array.from(
        { length: 450 },
        (_, i) => `i-${String(i).padStart(3, '0')}`,
      );
      await knex.batchInsert(
        'instances',
        ids.map(id => ({
          id,
          name: id,
          owner: 'group:default/a',
          provider: 'docker',
        })),
        100,
      );
      // ten samples a minute apart each (two 5-minute buckets): 4,500 rows, past one read page
      const rows = ids.flatMap((id, i) =>
        Array.from({ length: 10 }, (_, m) => {
          const at = new Date(base + m * minute);
          return {
            id: `${id}-${m}`,
            instance_id: id,
            resolution: 'raw',
            at,
            data: JSON.stringify({
              id: `${id}-${m}`,
              at: at.toISOString(),
              cpu: { percent: i % 100 },
            }),
          };
        }),
      );
      await knex.batchInsert('metric_samples', rows, 200);
      // i-000 was folded before up to its second bucket, with a figure now out of date
      await knex('metric_samples').insert({
        id: `i-000:5m:${base + 5 * minute}`,
        instance_id: 'i-000',
        resolution: '5m',
        at: new Date(base + 5 * minute),
        data: JSON.stringify({ at: new Date(base + 5 * minute).toISOString() }),
      });

      let queries = 0;
      const count = () => {
        queries += 1;
      };
      // when each lot began (its newest-buckets query) and when each answer came
      const lotStarts: number[] = [];
      const answers: number[] = [];
      const timeLot = (query: { sql: string }) => {
        if (/max\(/i.test(query.sql)) lotStarts.push(performance.now());
      };
      const timeAnswer = () => answers.push(performance.now());
      knex.on('query', count);
      knex.on('query', timeLot);
      knex.on('query-response', timeAnswer);
      const { downsampled } = await new SampleStore(knex).compact(
        {
          rawMs: 24 * 60 * minute,
          fiveMinuteMs: 7 * 24 * 60 * minute,
          hourMs: 90 * 24 * 60 * minute,
        },
        new Date(base + 2 * 60 * minute),
      );
      knex.off('query', count);
      knex.off('query', timeLot);
      knex.off('query-response', timeAnswer);

      // 5-minute buckets: i-000 only from its newest on (recomputed), the others both;
      // then one hourly bucket each
      expect(downsampled).toBe(1 + 449 * 2 + 450);
      // per resolution one list, then per lot of 200 its newest buckets, its pages and its
      // writes; then the four prunes (it was several queries per instance)
      expect(queries).toBeLessThan(60);
      const buckets = await knex('metric_samples')
        .where({ resolution: '5m' })
        .orderBy('id')
        .select('id', 'data');
      // between lots of one resolution, the compaction rests at least as long as the lot took
      // (ingest needs the CPU more than a fold that runs every few minutes)
      expect(lotStarts).toHaveLength(6);
      for (const k of [0, 1, 3, 4]) {
        const lastAnswer = Math.max(
          ...answers.filter(a => a < lotStarts[k + 1]),
        );
        const busy = lastAnswer - lotStarts[k];
        expect(lotStarts[k + 1] - lastAnswer).toBeGreaterThanOrEqual(
          busy * 0.9,
        );
      }
      // i-000's first bucket is before where it was folded up to: left alone
      expect(buckets).toHaveLength(2 * 450 - 1);
      const cpu = (id: string) =>
        JSON.parse(buckets.find(b => b.id === id)!.data).cpu?.percent;
      expect(cpu(`i-000:5m:${base + 5 * minute}`)).toBe(0);
      expect(cpu(`i-321:5m:${base}`)).toBe(21);
      expect(cpu(`i-449:5m:${base + 5 * minute}`)).toBe(49);
    },
  );

  it.each(databases.eachSupportedId())(
    'folds again only the newest buckets whose samples changed since, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const base = new Date('2026-11-20T10:00:00Z').getTime();
      const ids = ['i-1', 'i-2', 'i-3'];
      await knex('instances').insert(
        ids.map(id => ({
          id,
          name: id,
          owner: 'group:default/a',
          provider: 'docker',
        })),
      );
      const raw = (id: string, minutes: number, cpu: number) => {
        const at = new Date(base + minutes * minute);
        return {
          id: `${id}-${minutes}`,
          instance_id: id,
          resolution: 'raw',
          at,
          data: JSON.stringify({
            id: `${id}-${minutes}`,
            at: at.toISOString(),
            cpu: { percent: cpu },
          }),
        };
      };
      await knex('metric_samples').insert(
        ids.flatMap(id => [0, 1, 5, 6].map(m => raw(id, m, 10))),
      );
      const store = new SampleStore(knex);
      const policy = {
        rawMs: 24 * 60 * minute,
        fiveMinuteMs: 7 * 24 * 60 * minute,
        hourMs: 90 * 24 * 60 * minute,
      };
      const compact = async () => {
        // samples read back (parsed and averaged), not queries that found nothing new
        let samplesRead = 0;
        const count = (rows: unknown, query: { sql: string }) => {
          if (/select .*data.* from [`"]?metric_samples/i.test(query.sql))
            samplesRead += Array.isArray(rows) ? rows.length : 0;
        };
        knex.on('query-response', count);
        const { downsampled } = await store.compact(
          policy,
          new Date(base + 2 * 60 * minute),
        );
        knex.off('query-response', count);
        return { downsampled, samplesRead };
      };
      // two 5-minute buckets and one hour each
      expect((await compact()).downsampled).toBe(3 * 2 + 3);

      // nothing new: no bucket is folded again, no sample read again
      expect(await compact()).toEqual({ downsampled: 0, samplesRead: 0 });

      // a sample of i-2 arrives late, in its newest 5-minute bucket: that bucket and its hour again
      await knex('metric_samples').insert(raw('i-2', 7, 70));
      // (its three samples, then the hour's two buckets)
      expect(await compact()).toEqual({ downsampled: 2, samplesRead: 3 + 2 });
      const cpu = async (id: string) =>
        JSON.parse(
          (await knex('metric_samples').where({ id }).first('data')).data,
        ).cpu.percent;
      expect(await cpu(`i-2:5m:${base + 5 * minute}`)).toBe(30);
      expect(await cpu(`i-2:1h:${base}`)).toBeCloseTo((10 + 30) / 2);
      expect(await cpu(`i-1:5m:${base + 5 * minute}`)).toBe(10);
    },
  );
});
