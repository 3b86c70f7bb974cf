import path from 'node:path';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { healthResponseSchema } from '@internal/plugin-sindri-common';
import request from 'supertest';
import { sindriPlugin } from './plugin';

jest.setTimeout(60_000);

const registryDir = path.resolve(__dirname, '../../../registry/sindri-v3');

describe('sindri-backend plugin', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'migrates on start and reports the database on /health, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          sindriPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });

      // no credentials: health is deliberately open, like the readiness probe
      const res = await request(server).get('/api/sindri/health');

      expect(res.status).toBe(200);
      expect(healthResponseSchema.parse(res.body)).toEqual({
        status: 'ok',
        database: {
          client: databaseId === 'SQLITE_3' ? 'better-sqlite3' : 'pg',
          reachable: true,
          migrations: 18,
        },
        registry: { extensions: 67, profiles: 7 },
      });
      expect(await knex.schema.hasTable('instances')).toBe(true);
    },
  );

  it('refuses to start when the registry path does not exist, naming the setting', async () => {
    await expect(
      startTestBackend({
        features: [
          sindriPlugin,
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: '/nonexistent/registry' } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /sindri\.registry\.path: "\/nonexistent\/registry".*is not a directory/,
    );
  });
});
