import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { InstanceStore } from '../database/InstanceStore';
import {
  heartbeat,
  registration,
  registryDir,
} from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const SCRAPE_TOKEN = 'prometheus-scrape-token-0123456789';
const OTHER_TOKEN = 'catalog-only-token-0123456789abcdef';

/** The real auth services, with two static external access tokens: one for scraping, one for something else. */
const config = {
  backend: {
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token: SCRAPE_TOKEN, subject: 'prometheus' },
          accessRestrictions: [
            { plugin: 'sindri', permission: 'sindri.metrics.read' },
          ],
        },
        {
          type: 'static',
          options: { token: OTHER_TOKEN, subject: 'other' },
          accessRestrictions: [{ plugin: 'catalog' }],
        },
      ],
    },
  },
  sindri: { registry: { path: registryDir } },
};

describe('GET /metrics', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'serves the fleet to a scraper with its static token, and nothing to others, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          sindriPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: config }),
          authServiceFactory,
          httpAuthServiceFactory,
        ],
      });
      // with the real auth services no mock user is at hand: the instances are enrolled in the database
      const instances = new InstanceStore(knex);
      for (const [name, region] of [
        ['dev-1', 'ams'],
        ['dev-2', undefined],
      ] as const) {
        const { token } = await instances.enroll({
          name,
          owner: 'group:default/platform',
          createdBy: 'user:default/ops',
        });
        await request(server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${token}`)
          .send({
            frames: [
              {
                type: 'register',
                registration: registration(name, {
                  provider: 'fly',
                  ...(region ? { region } : {}),
                }),
              },
              heartbeat(),
              { type: 'heartbeat', heartbeat: { id: 'not-a-uuid' } },
            ],
          })
          .expect(200);
      }

      const res = await request(server)
        .get('/api/sindri/metrics')
        .set('Authorization', `Bearer ${SCRAPE_TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(
        /^text\/plain; version=0\.0\.4/,
      );
      const lines = res.text.split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          'sindri_instances{status="running",provider="fly",region="ams"} 1',
          'sindri_instances{status="running",provider="fly",region=""} 1',
          'sindri_ingest_frames_total{type="register",result="ack"} 2',
          'sindri_ingest_frames_total{type="heartbeat",result="400"} 2',
          'sindri_terminal_sessions_active 0',
          'sindri_commands_running 0',
        ]),
      );

      // no token, and a token for another plugin: refused
      expect((await request(server).get('/api/sindri/metrics')).status).toBe(
        401,
      );
      const other = await request(server)
        .get('/api/sindri/metrics')
        .set('Authorization', `Bearer ${OTHER_TOKEN}`);
      expect([401, 403]).toContain(other.status);
      // the scraper's token reads nothing else of the plugin
      const list = await request(server)
        .get('/api/sindri/instances')
        .set('Authorization', `Bearer ${SCRAPE_TOKEN}`);
      expect(list.status).toBe(403);
    },
  );
});
