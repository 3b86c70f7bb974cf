import crypto from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { FleetSummary } from '@internal/plugin-sindri-common';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import {
  heartbeat,
  metrics,
  registration,
  registryDir,
} from '../__testUtils__/fixtures';
import { ownedByPlatform } from '../__testUtils__/ownedByPlatform';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

describe('GET /fleet/summary', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'sums up what the reader may see, from what the agents reported, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      const scheduler = manualScheduler();
      const { server } = await startTestBackend({
        features: [
          sindriPlugin,
          ownedByPlatform,
          scheduler.factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      const user = mockCredentials.user.header();
      const ids: Record<string, string> = {};
      for (const [name, owner, provider, region, cpu] of [
        ['busy', 'group:default/platform', 'fly', 'ams', 91],
        ['calm', 'group:default/platform', 'fly', undefined, 12],
        ['theirs', 'group:default/other', 'e2b', 'us', 99],
      ] as const) {
        const enrolled = await request(server)
          .post('/api/sindri/enrollments')
          .set('Authorization', user)
          .send({ name, owner });
        ids[name] = enrolled.body.instanceId;
        await request(server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${enrolled.body.token}`)
          .send({
            frames: [
              {
                type: 'register',
                registration: registration(name, {
                  provider,
                  ...(region ? { region } : {}),
                }),
              },
              heartbeat(),
              metrics(new Date(), cpu),
            ],
          })
          .expect(200);
      }
      await knex('instances')
        .where({ id: ids.calm })
        .update({ status: 'stopped' });
      const hourAgo = new Date(Date.now() - 3_600_000);
      await knex('lifecycle_operations').insert(
        [
          ['busy', 'deploy', 'succeeded'],
          ['busy', 'suspend', 'failed'],
          ['theirs', 'deploy', 'failed'],
        ].map(([name, kind, state]) => ({
          id: crypto.randomUUID(),
          instance_id: ids[name],
          instance_name: name,
          kind,
          driver: 'local',
          state,
          actor: 'user:default/ops',
          log: '',
          started_at: hourAgo,
        })),
      );
      await scheduler.run('sindri-availability');

      const res = await request(server)
        .get('/api/sindri/fleet/summary')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const summary: FleetSummary = res.body;
      expect(summary.health).toEqual({
        running: 1,
        unresponsive: 0,
        stopped: 1,
        unknown: 0,
      });
      expect(summary.byProvider).toEqual([{ provider: 'fly', count: 2 }]);
      expect(summary.byRegion).toEqual(
        expect.arrayContaining([
          { provider: 'fly', region: 'ams', count: 1 },
          { provider: 'fly', region: null, count: 1 },
        ]),
      );
      expect(summary.top.cpu.map(t => [t.instance, t.percent])).toEqual([
        ['busy', 91],
        ['calm', 12],
      ]);
      expect(summary.top.memory[0]).toMatchObject({ percent: 25 });
      expect(summary.activity.hours).toHaveLength(24);
      const totals = summary.activity.hours.reduce(
        (t, h) => ({
          operations: t.operations + h.operations,
          deployments: t.deployments + h.deployments,
          failures: t.failures + h.failures,
        }),
        { operations: 0, deployments: 0, failures: 0 },
      );
      // theirs is not counted: not readable
      expect(totals).toEqual({ operations: 2, deployments: 1, failures: 1 });
      expect(summary.live).toEqual({ terminalSessions: 0, runningCommands: 0 });
      // one heartbeat of the few expected since it registered a moment ago
      expect(summary.availability.computedAt).toBeDefined();
      expect(summary.availability.items.map(a => a.instance)).toEqual([
        'busy',
        'calm',
      ]);
      for (const a of summary.availability.items)
        expect(
          a.ratio24h === null || (a.ratio24h >= 0 && a.ratio24h <= 1),
        ).toBe(true);
      expect(Object.keys(summary.sources)).toEqual(
        expect.arrayContaining(['health', 'availability', 'top']),
      );
      expect(JSON.stringify(summary)).not.toContain('theirs');
    },
  );
});
