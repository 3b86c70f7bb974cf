import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ExtensionRegistry } from '@internal/plugin-sindri-common';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { ownedByPlatform } from '../__testUtils__/ownedByPlatform';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

describe('GET /extensions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'answers the whole registry, counting the use the agents report on the instances the reader may see, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          sindriPlugin,
          ownedByPlatform,
          manualScheduler().factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      const user = mockCredentials.user.header();
      // seconds each install took, as the agents' ledgers say
      const took: Record<string, Record<string, number>> = {
        one: { nodejs: 40, python: 100 },
        two: { nodejs: 60 },
        hidden: { nodejs: 999 },
      };
      for (const [name, owner, installed, failed] of [
        ['one', 'group:default/platform', ['nodejs', 'python'], ['rust']],
        ['two', 'group:default/platform', ['nodejs'], []],
        ['hidden', 'group:default/other', ['nodejs', 'rust'], []],
      ] as const) {
        const enrolled = await request(server)
          .post('/api/sindri/enrollments')
          .set('Authorization', user)
          .send({ name, owner });
        await request(server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${enrolled.body.token}`)
          .send({
            frames: [
              {
                type: 'register',
                registration: registration(name, {
                  extensions: installed.map(n => ({
                    name: n,
                    ...(took[name][n] ? { installSeconds: took[name][n] } : {}),
                  })),
                  failedExtensions: failed.map(n => ({
                    name: n,
                    error: 'exit status 1',
                  })),
                }),
              },
            ],
          })
          .expect(200);
      }

      const res = await request(server)
        .get('/api/sindri/extensions')
        .set('Authorization', user)
        .expect(200);
      const body: ExtensionRegistry = res.body;
      expect(body.source.registryVersion).toBe('3.0.0');
      expect(body.extensions).toHaveLength(67);
      expect(
        body.extensions.reduce((n, e) => n + e.dependencies.length, 0),
      ).toBe(68);
      const byName = new Map(body.extensions.map(e => [e.name, e]));
      expect(byName.get('agent-browser')).toMatchObject({
        category: 'ai-agents',
        dependencies: ['nodejs', 'playwright'],
        installMethod: 'mise',
        requirements: {
          domains: ['registry.npmjs.org', 'playwright.azureedge.net'],
          diskSpaceMb: 200,
          memoryMb: 512,
          installTimeSeconds: 120,
        },
      });
      expect(byName.get('agent-browser')!.bom[0]).toMatchObject({
        name: 'agent-browser',
        source: 'npm',
      });
      // "hidden" belongs to another group: its extensions are not counted
      expect(byName.get('nodejs')).toMatchObject({
        usedBy: 2,
        failedOn: 0,
        installTime: { samples: 2, meanSeconds: 50, p95Seconds: 60 },
      });
      expect(byName.get('python')).toMatchObject({
        usedBy: 1,
        failedOn: 0,
        installTime: { samples: 1, meanSeconds: 100, p95Seconds: 100 },
      });
      expect(byName.get('rust')).toMatchObject({ usedBy: 0, failedOn: 1 });
      expect(byName.get('rust')!.installTime).toBeUndefined();
      expect(byName.get('golang')).toMatchObject({ usedBy: 0, failedOn: 0 });

      const nodejs = await request(server)
        .get('/api/sindri/extensions/nodejs')
        .set('Authorization', user)
        .expect(200);
      expect(nodejs.body).toMatchObject({
        name: 'nodejs',
        usedBy: 2,
        instances: [
          { name: 'one', state: 'installed' },
          { name: 'two', state: 'installed' },
        ],
      });
      const rust = await request(server)
        .get('/api/sindri/extensions/rust')
        .set('Authorization', user)
        .expect(200);
      expect(rust.body.instances).toEqual([
        { name: 'one', state: 'failed', error: 'exit status 1' },
      ]);
      const usage = await request(server)
        .get('/api/sindri/fleet/extensions')
        .set('Authorization', user)
        .expect(200);
      expect(usage.body.instances).toEqual([
        {
          name: 'one',
          owner: 'group:default/platform',
          provider: 'local',
          installed: ['nodejs', 'python'],
          failed: ['rust'],
        },
        {
          name: 'two',
          owner: 'group:default/platform',
          provider: 'local',
          installed: ['nodejs'],
          failed: [],
        },
      ]);
      const absent = await request(server)
        .get('/api/sindri/extensions/not-there')
        .set('Authorization', user)
        .expect(404);
      expect(absent.body.error.message).toMatch(/no extension "not-there"/);
      const bad = await request(server)
        .get('/api/sindri/extensions/Not_A_Name')
        .set('Authorization', user)
        .expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/name/);
    },
  );
});
