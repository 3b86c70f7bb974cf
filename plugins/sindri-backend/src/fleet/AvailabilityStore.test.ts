import crypto from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateUp } from '../database/migrations';
import { AvailabilityStore } from './AvailabilityStore';

describe('AvailabilityStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'counts heartbeats received against those expected since registration, and 5-minute intervals with metrics, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const now = new Date('2026-12-01T12:00:00Z');
      const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
      await knex('instances').insert({
        id: 'i-1',
        name: 'dev-1',
        owner: 'group:default/platform',
        provider: 'fly',
        status: 'running',
        registered_at: hoursAgo(2),
        heartbeat_interval_s: 10,
      });
      // 2 h at 10 s: 720 expected; 360 received (the agent was away for an hour)
      const heartbeats = Array.from({ length: 360 }, (_, i) => ({
        instance_id: 'i-1',
        at: new Date(hoursAgo(1).getTime() + i * 10_000),
        uptime_s: i,
      }));
      for (let i = 0; i < heartbeats.length; i += 100)
        await knex('heartbeats').insert(heartbeats.slice(i, i + 100));
      // 6 of the 24 five-minute intervals of the 2 h hold metrics
      await knex('metric_samples').insert(
        Array.from({ length: 6 }, (_, i) => ({
          id: crypto.randomUUID(),
          instance_id: 'i-1',
          resolution: '5m',
          at: new Date(hoursAgo(2).getTime() + i * 300_000),
          data: '{}',
        })),
      );

      expect(await new AvailabilityStore(knex).compute(now)).toBe(1);
      const [row] = await knex('instance_availability');
      expect(Number(row.ratio_24h)).toBeCloseTo(0.5, 3);
      expect(Number(row.ratio_7d)).toBeCloseTo(6 / 24, 3);
    },
  );
});
