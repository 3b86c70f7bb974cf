import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sindriInstanceConditions } from '@internal/plugin-sindri-node';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

/** A permissions service whose policy says: read only what the platform group owns. */
const ownedByPlatform = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'sindri',
        resourceType: 'sindri-instance',
        conditions: sindriInstanceConditions.isOwner({
          claims: ['group:default/platform'],
        }),
      })),
  }),
});

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
