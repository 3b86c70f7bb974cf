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
                  extensions: installed.map(n => ({ name: n })),
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
      expect(byName.get('nodejs')).toMatchObject({ usedBy: 2, failedOn: 0 });
      expect(byName.get('python')).toMatchObject({ usedBy: 1, failedOn: 0 });
      expect(byName.get('rust')).toMatchObject({ usedBy: 0, failedOn: 1 });
      expect(byName.get('golang')).toMatchObject({ usedBy: 0, failedOn: 0 });
    },
  );
});
