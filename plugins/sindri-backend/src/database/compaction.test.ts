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
      knex.on('query', count);
      const { downsampled } = await new SampleStore(knex).compact(
        {
          rawMs: 24 * 60 * minute,
          fiveMinuteMs: 7 * 24 * 60 * minute,
          hourMs: 90 * 24 * 60 * minute,
        },
        new Date(base + 2 * 60 * minute),
      );
      knex.off('query', count);

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
      // i-000's first bucket is before where it was folded up to: left alone
      expect(buckets).toHaveLength(2 * 450 - 1);
      const cpu = (id: string) =>
        JSON.parse(buckets.find(b => b.id === id)!.data).cpu?.percent;
      expect(cpu(`i-000:5m:${base + 5 * minute}`)).toBe(0);
      expect(cpu(`i-321:5m:${base}`)).toBe(21);
      expect(cpu(`i-449:5m:${base + 5 * minute}`)).toBe(49);
    },
  );
});
