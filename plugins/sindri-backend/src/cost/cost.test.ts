import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { FleetCost, InstanceCost } from '@internal/plugin-sindri-common';
import request from 'supertest';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { sindriCostSourcesExtensionPoint } from '@internal/plugin-sindri-node';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { ownedByPlatform } from '../__testUtils__/ownedByPlatform';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/** Enrolls an instance and registers it as its agent would; answers its id. */
async function enrollAndRegister(
  server: any,
  name: string,
  owner = 'group:default/platform',
): Promise<string> {
  const enrolled = await request(server)
    .post('/api/sindri/enrollments')
    .set('Authorization', mockCredentials.user.header())
    .send({ name, owner })
    .expect(201);
  await request(server)
    .post('/api/sindri/ingest')
    .set('Authorization', `Bearer ${enrolled.body.token}`)
    .send({ frames: [{ type: 'register', registration: registration(name) }] })
    .expect(200);
  return enrolled.body.instanceId;
}

describe('cost', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'prices the hours an instance ran and was stopped at the configured rate, names the rate, and sums the readable fleet, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          ownedByPlatform,
          manualScheduler().factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              sindri: {
                registry: { path: registryDir },
                cost: {
                  rates: [
                    {
                      provider: 'docker',
                      item: 'vcpu',
                      price: 0.02,
                      unit: 'hour',
                      source: 'internal chargeback, 2026',
                    },
                    {
                      provider: 'docker',
                      item: 'volume-gb',
                      price: 0.073,
                      unit: 'gb-month',
                      source: 'internal chargeback, 2026',
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
      const user = mockCredentials.user.header();
      const api = (url: string) =>
        request(backend.server)
          .get(`/api/sindri${url}`)
          .set('Authorization', user);
      const ids: Record<string, string> = {};
      for (const [name, owner] of [
        ['dev-1', 'group:default/platform'],
        ['hidden', 'group:default/other'],
      ]) {
        ids[name] = await enrollAndRegister(backend.server, name, owner);
        const now = new Date();
        await knex('instance_deployments').insert({
          instance_id: ids[name],
          driver: 'local',
          state: 'running',
          sindri_yaml: `version: "3.0"\nname: ${name}\ndeployment:\n  provider: docker\n  resources:\n    cpus: 2\n    memory: 4GB\n  volumes:\n    workspace:\n      size: 10GB\nextensions:\n  profile: minimal\n`,
          provider: 'docker',
          created_by: 'user:default/mock',
          created_at: now,
          updated_at: now,
        });
      }
      // the registration was logged as a status change; the test's history replaces it: 48 h running, 24 h stopped, running for the last 24 h
      const now = Date.now();
      await knex('instance_status_changes')
        .whereIn('instance_id', Object.values(ids))
        .delete();
      for (const id of Object.values(ids))
        await knex('instance_status_changes').insert([
          { instance_id: id, status: 'running', at: new Date(now - 96 * HOUR) },
          { instance_id: id, status: 'stopped', at: new Date(now - 48 * HOUR) },
          { instance_id: id, status: 'running', at: new Date(now - 24 * HOUR) },
        ]);

      const cost: InstanceCost = (
        await api('/instances/dev-1/cost').expect(200)
      ).body;
      expect(cost.resourcesFrom).toBe('stored-sindri-yaml');
      expect(cost.resources).toMatchObject({
        provider: 'docker',
        cpus: 2,
        diskGb: 10,
      });
      expect(cost.rates.map(r => [r.item, r.when, r.source.page])).toEqual([
        ['vcpu', 'running', 'internal chargeback, 2026'],
        ['volume-gb', 'running', 'internal chargeback, 2026'],
        ['volume-gb', 'stopped', 'internal chargeback, 2026'],
      ]);
      // memory has no rate on own hardware: said, counted as 0
      expect(cost.missing).toEqual([
        'docker memory-gb: no rate (counted as 0)',
      ]);
      const running = 48 + 24;
      const storagePerHour = (10 * 0.073) / 730;
      expect(cost.last30Days.compute).toBeCloseTo(running * 2 * 0.02, 2);
      expect(cost.last30Days.storage).toBeCloseTo(96 * storagePerHour, 3);
      expect(cost.last30Days.total).toBeCloseTo(
        cost.last30Days.compute + cost.last30Days.storage,
        3,
      );
      expect(cost.days).toHaveLength(30);
      expect(cost.suspendSavingPerDay).toBeCloseTo(24 * 2 * 0.02, 4);
      expect(cost.projectedMonthEnd).toBeGreaterThanOrEqual(cost.monthToDate);
      expect(cost.source.kind).toBe('list-price-estimate');

      // the fleet: only what the reader may read
      const fleet: FleetCost = (await api('/fleet/cost').expect(200)).body;
      expect(fleet.instances.map(i => i.name)).toEqual(['dev-1']);
      expect(fleet.total).toBeCloseTo(cost.last30Days.total, 2);
      expect(fleet.byOwner).toEqual([
        expect.objectContaining({ key: 'group:default/platform' }),
      ]);
      expect(fleet.byProvider.map(g => g.key)).toEqual(['docker']);
      expect(fleet.previousTotal).toBe(0);
      // (the per-instance route's guard is in the route permission table's test)
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    "uses a billing source's days for its providers instead of the estimate, and says so, on %p",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const today = new Date().toISOString().slice(0, 10);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          manualScheduler().factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
          // a provider's billing API is not reachable here: this module answers as one would
          createBackendModule({
            pluginId: 'sindri',
            moduleId: 'billing-double',
            register(env) {
              env.registerInit({
                deps: { sources: sindriCostSourcesExtensionPoint },
                async init({ sources }) {
                  sources.addCostSource({
                    id: 'docker-billing',
                    title: 'Acme hosting invoices (billing API)',
                    providers: ['local'],
                    dailyCost: async instance =>
                      instance.name === 'billed'
                        ? [
                            {
                              date: today,
                              compute: 1.25,
                              storage: 0.25,
                              total: 1.5,
                            },
                          ]
                        : undefined,
                  });
                },
              });
            },
          }),
        ],
      });
      const user = mockCredentials.user.header();
      for (const name of ['billed', 'estimated'])
        await enrollAndRegister(backend.server, name);
      const billed: InstanceCost = (
        await request(backend.server)
          .get('/api/sindri/instances/billed/cost')
          .set('Authorization', user)
      ).body;
      expect(billed.source).toEqual({
        kind: 'billing',
        description: 'Acme hosting invoices (billing API)',
      });
      expect(billed.last30Days).toEqual({
        compute: 1.25,
        gpu: 0,
        storage: 0.25,
        total: 1.5,
      });
      const estimated: InstanceCost = (
        await request(backend.server)
          .get('/api/sindri/instances/estimated/cost')
          .set('Authorization', user)
      ).body;
      expect(estimated.source.kind).toBe('list-price-estimate');
      const fleet: FleetCost = (
        await request(backend.server)
          .get('/api/sindri/fleet/cost')
          .set('Authorization', user)
      ).body;
      expect(fleet.instances.map(i => [i.name, i.total, i.billedBy])).toEqual([
        ['billed', 1.5, 'Acme hosting invoices (billing API)'],
        ['estimated', 0, undefined],
      ]);
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'logs every status change an instance makes, whichever path made it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          manualScheduler().factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      const user = mockCredentials.user.header();
      const enrolled = await request(backend.server)
        .post('/api/sindri/enrollments')
        .set('Authorization', user)
        .send({ name: 'dev-2', owner: 'group:default/platform' });
      const agent = `Bearer ${enrolled.body.token}`;
      const send = (frames: unknown[]) =>
        request(backend.server)
          .post('/api/sindri/ingest')
          .set('Authorization', agent)
          .send({ frames })
          .expect(200);
      await send([{ type: 'register', registration: registration('dev-2') }]);
      await send([{ type: 'register', registration: registration('dev-2') }]);
      await send([
        {
          type: 'event',
          event: {
            id: '00000000-0000-4000-8000-000000000001',
            at: new Date().toISOString(),
            type: 'stopped',
          },
        },
      ]);
      await send([
        {
          type: 'heartbeat',
          heartbeat: {
            id: '00000000-0000-4000-8000-000000000002',
            at: new Date().toISOString(),
            uptimeSeconds: 5,
          },
        },
      ]);
      const log = await knex('instance_status_changes')
        .where({ instance_id: enrolled.body.instanceId })
        .orderBy('at')
        .pluck('status');
      // a second registration while running changes nothing
      expect(log).toEqual(['running', 'stopped']);
      await backend.stop();
    },
  );
});
