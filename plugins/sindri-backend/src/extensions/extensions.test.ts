import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe('custom extensions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('are listed beside the registry, marked custom and offered by the create form; refused ones come with their errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-custom-'));
    fs.cpSync(
      path.resolve(__dirname, '../../../../examples/custom-extensions'),
      dir,
      {
        recursive: true,
      },
    );
    fs.mkdirSync(path.join(dir, 'half-made'));
    fs.writeFileSync(
      path.join(dir, 'half-made', 'extension.yaml'),
      'metadata:\n  name: half-made\n  version: 1.0.0\n  description: missing its install\n  category: devops\n',
    );
    const backend = await startTestBackend({
      features: [
        sindriPlugin,
        manualScheduler().factory,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            sindri: {
              registry: { path: registryDir, customExtensions: dir },
            },
          },
        }),
      ],
    });
    const { server } = backend;
    const user = mockCredentials.user.header();
    const registry: ExtensionRegistry = (
      await request(server)
        .get('/api/sindri/extensions')
        .set('Authorization', user)
    ).body;
    expect(registry.extensions).toHaveLength(68);
    expect(registry.extensions.find(e => e.name === 'acme-cli')).toMatchObject({
      custom: true,
      dependencies: ['nodejs'],
    });
    expect(
      registry.extensions.find(e => e.name === 'nodejs')?.custom,
    ).toBeUndefined();
    expect(registry.invalid).toEqual([
      {
        file: path.join(dir, 'half-made', 'extension.yaml'),
        name: 'half-made',
        errors: [
          { pointer: '', message: '"install" is a required property' },
          { pointer: '', message: '"validate" is a required property' },
        ],
      },
    ]);
    const options = (
      await request(server)
        .get('/api/sindri/deployments/options')
        .set('Authorization', user)
    ).body;
    expect(options.extensions.map((e: { name: string }) => e.name)).toContain(
      'acme-cli',
    );
    expect(
      (
        await request(server)
          .get('/api/sindri/extensions/half-made')
          .set('Authorization', user)
      ).status,
    ).toBe(404);
    await backend.stop();
  });
});
