import crypto from 'node:crypto';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { registration } from '../__testUtils__/fixtures';
import { enroll, startLiveBackend } from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

const ops = mockCredentials.user.header('user:default/ops');

describe('log lines from ingest to search', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'takes a batch from an agent once, refuses a bad one by its field, and finds its lines by their words, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startLiveBackend(knex);
      const { token } = await enroll(server, 'dev-1');
      const ingest = (frames: unknown[]) =>
        request(server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${token}`)
          .send({ frames });
      const at = new Date().toISOString();
      const batch = {
        type: 'logs',
        logs: {
          id: crypto.randomUUID(),
          lines: [
            {
              at,
              source: '/var/log/sindri/python.log',
              text: 'Installing python 3.13',
            },
            {
              at,
              source: '/var/log/sindri/python.log',
              text: 'ERROR pip install failed',
              level: 'error',
            },
          ],
        },
      };
      const sent = await ingest([
        { type: 'register', registration: registration('dev-1') },
        batch,
        batch,
        {
          type: 'logs',
          logs: {
            id: crypto.randomUUID(),
            lines: [{ at, source: 'x', text: 'y'.repeat(5000) }],
          },
        },
      ]);
      expect(sent.body.results.map((r: any) => r.type)).toEqual([
        'ack',
        'ack',
        'ack',
        'error',
      ]);
      expect(sent.body.results[3]).toMatchObject({
        status: 400,
        message: expect.stringMatching(/^frames\.3\.logs\.lines\.0\.text: /),
      });

      const found = await request(server)
        .get('/api/sindri/logs?q=pip%20FAILED&level=error')
        .set('Authorization', ops);
      expect(found.status).toBe(200);
      expect(found.body).toEqual({
        items: [
          {
            id: expect.any(String),
            instance: 'dev-1',
            at: expect.any(String),
            source: '/var/log/sindri/python.log',
            level: 'error',
            text: 'ERROR pip install failed',
            highlights: [
              [6, 9],
              [18, 24],
            ],
          },
        ],
      });
      const all = await request(server)
        .get('/api/sindri/instances/dev-1/logs')
        .set('Authorization', ops);
      expect(all.body.items).toHaveLength(2);

      const bad = await request(server)
        .get('/api/sindri/logs?level=fatal')
        .set('Authorization', ops);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/level/);
      const backwards = await request(server)
        .get(
          `/api/sindri/logs?from=${encodeURIComponent(
            at,
          )}&to=${encodeURIComponent('2020-01-01T00:00:00Z')}`,
        )
        .set('Authorization', ops);
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toMatch(
        /^query\.to: must be after from/,
      );
    },
  );
});
