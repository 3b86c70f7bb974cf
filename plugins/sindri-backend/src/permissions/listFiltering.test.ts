import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { ownedByPlatform } from '../__testUtils__/ownedByPlatform';

jest.setTimeout(60_000);

describe('GET /instances under a conditional decision', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'lists only the instances the conditions allow, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          sindriPlugin,
          ownedByPlatform,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      for (const [name, owner] of [
        ['ours', 'group:default/platform'],
        ['theirs', 'group:default/other'],
      ]) {
        const enrolled = await request(server)
          .post('/api/sindri/enrollments')
          .set('Authorization', mockCredentials.user.header())
          .send({ name, owner });
        await request(server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${enrolled.body.token}`)
          .send({
            frames: [{ type: 'register', registration: registration(name) }],
          });
      }

      const res = await request(server)
        .get('/api/sindri/instances')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { name: string }) => i.name)).toEqual([
        'ours',
      ]);
    },
  );
});
