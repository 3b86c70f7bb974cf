import crypto from 'node:crypto';
import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import WebSocket from 'ws';
import { Knex } from 'knex';
import { sindriPlugin } from '../plugin';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { InstanceStore } from '../database/InstanceStore';
import {
  heartbeat,
  metrics,
  registration,
  registryDir,
} from '../__testUtils__/fixtures';
import { pollUntil } from '@internal/plugin-sindri-common';

jest.setTimeout(60_000);

const user = mockCredentials.user('user:default/ops');

async function startBackend(
  knex: Knex,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    rateLimit?: object;
    agents?: object;
  } = {},
) {
  return startTestBackend({
    features: [
      sindriPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          sindri: {
            registry: { path: registryDir },
            ...(options.rateLimit
              ? { ingest: { rateLimit: options.rateLimit } }
              : {}),
            ...(options.agents ? { agents: options.agents } : {}),
          },
        },
      }),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
    ],
  });
}

async function enroll(server: any, name: string) {
  const res = await request(server)
    .post('/api/sindri/enrollments')
    .set(
      'Authorization',
      mockCredentials.user.header(user.principal.userEntityRef),
    )
    .send({ name, owner: 'group:default/platform' });
  expect(res.status).toBe(201);
  return res.body as { instanceId: string; token: string };
}

const ingest = (server: any, token: string, frames: unknown[]) =>
  request(server)
    .post('/api/sindri/ingest')
    .set('Authorization', `Bearer ${token}`)
    .send({ frames });

async function counts(knex: Knex) {
  const n = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);
  return {
    heartbeats: await n('heartbeats'),
    metrics: await n('metric_samples'),
    // what agents sent (the portal's own events have no source key)
    events: Number(
      (
        await knex('sindri_events').whereNotNull('source_key').count({ n: '*' })
      )[0].n,
    ),
  };
}

describe('enrollment and ingest', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('enrolls an instance, stores only a hash of its token, and lists no secret', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex);
      const { token, instanceId } = await enroll(server, 'demo-1');

      expect(token).toMatch(/^sindri_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
      const [row] = await knex('agent_tokens').where({
        instance_id: instanceId,
      });
      const secret = token.split('_').slice(2).join('_');
      expect(row.secret_sha256).toBe(
        crypto.createHash('sha256').update(secret).digest('hex'),
      );
      expect(JSON.stringify(await knex('agent_tokens').select())).not.toContain(
        secret,
      );

      const list = await request(server)
        .get('/api/sindri/enrollments')
        .set('Authorization', mockCredentials.user.header());
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          name: 'demo-1',
          owner: 'group:default/platform',
          tokenCreatedBy: 'user:default/ops',
        }),
      ]);
      expect(JSON.stringify(list.body)).not.toContain(secret);

      const again = await request(server)
        .post('/api/sindri/enrollments')
        .set('Authorization', mockCredentials.user.header())
        .send({ name: 'demo-1', owner: 'group:default/platform' });
      expect(again.status).toBe(409);
    });

    it('stores registration and samples over HTTP, each sample once however often it is sent', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex);
      const { token } = await enroll(server, 'demo-1');
      const hb = heartbeat();
      const m = metrics();

      const first = await ingest(server, token, [
        { type: 'register', registration: registration('demo-1') },
        hb,
        m,
      ]);
      expect(first.status).toBe(200);
      expect(first.body.results.map((r: any) => r.type)).toEqual([
        'ack',
        'ack',
        'ack',
      ]);
      const resent = await ingest(server, token, [hb, m]);
      expect(resent.body.results.map((r: any) => r.type)).toEqual([
        'ack',
        'ack',
      ]);

      expect(await counts(knex)).toEqual({
        heartbeats: 1,
        metrics: 1,
        events: 0,
      });
      const instance = await request(server)
        .get('/api/sindri/instances/demo-1')
        .set('Authorization', mockCredentials.user.header());
      expect(instance.body).toMatchObject({
        name: 'demo-1',
        status: 'running',
        provider: 'local',
        latestMetrics: { cpu: { percent: 25 } },
      });

      const series = await request(server)
        .get('/api/sindri/instances/demo-1/metrics?range=1h')
        .set('Authorization', mockCredentials.user.header());
      expect(series.status).toBe(200);
      expect(series.body).toMatchObject({
        range: '1h',
        resolution: 'raw',
        items: [{ id: (m as any).metrics.id, cpu: { percent: 25 } }],
      });
      const badRange = await request(server)
        .get('/api/sindri/instances/demo-1/metrics?range=1y')
        .set('Authorization', mockCredentials.user.header());
      expect(badRange.status).toBe(400);
      expect(badRange.body.error.message).toMatch(/^query\.range: /);

      // the agent says the instance is stopping
      const stopped = {
        type: 'event',
        event: {
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          type: 'stopped',
          message: 'shutdown',
        },
      };
      expect(
        (await ingest(server, token, [stopped])).body.results[0].type,
      ).toBe('ack');
      const after = await request(server)
        .get('/api/sindri/instances/demo-1')
        .set('Authorization', mockCredentials.user.header());
      expect(after.body.status).toBe('stopped');
      const events = await request(server)
        .get('/api/sindri/instances/demo-1/events')
        .set('Authorization', mockCredentials.user.header());
      expect(events.body.items).toEqual([
        expect.objectContaining({ type: 'stopped', message: 'shutdown' }),
      ]);
      expect(
        (
          await request(server)
            .get('/api/sindri/instances/nobody')
            .set('Authorization', mockCredentials.user.header())
        ).status,
      ).toBe(404);
    });

    it('asks the database once whether an instance registered before this replica started, for all its samples, and remembers it', async () => {
      const knex = await databases.init(databaseId);
      const earlier = await startBackend(knex);
      const { token } = await enroll(earlier.server, 'demo-1');
      await ingest(earlier.server, token, [
        { type: 'register', registration: registration('demo-1') },
      ]);
      await earlier.stop();

      const { server } = await startBackend(knex);
      const lookups = jest.spyOn(InstanceStore.prototype, 'isRegistered');
      try {
        const batch = await ingest(
          server,
          token,
          Array.from({ length: 5 }, (_, i) =>
            i % 2 ? metrics() : heartbeat(),
          ),
        );
        expect(batch.body.results.map((r: any) => r.type)).toEqual(
          Array(5).fill('ack'),
        );
        expect(lookups).toHaveBeenCalledTimes(1);
        await ingest(server, token, [heartbeat(), metrics()]);
        expect(lookups).toHaveBeenCalledTimes(1);
      } finally {
        lookups.mockRestore();
      }
    });

    it('judges each frame alone: an invalid one is refused by its id and the rest stored; bad tokens, oversize bodies and floods are refused', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex, {
        rateLimit: { framesPerSecond: 1, burst: 3 },
      });
      const { token } = await enroll(server, 'demo-1');
      await ingest(server, token, [
        { type: 'register', registration: registration('demo-1') },
      ]);
      const before = await counts(knex);
      const hb = heartbeat();
      const bad = {
        type: 'metrics',
        metrics: { ...(metrics() as any).metrics, cpu: { percent: 250 } },
      };
      const mixed = await ingest(server, token, [hb, bad]);
      expect(mixed.status).toBe(200);
      expect(mixed.body.results).toEqual([
        { type: 'ack', id: (hb as any).heartbeat.id },
        {
          type: 'error',
          id: bad.metrics.id,
          status: 400,
          message: expect.stringMatching(/^frames\.1\.metrics\.cpu\.percent: /),
        },
      ]);
      // the valid heartbeat is stored, the invalid sample is not, and resending the batch changes nothing
      expect(await counts(knex)).toEqual({
        ...before,
        heartbeats: before.heartbeats + 1,
      });
      const stored = await counts(knex);

      const notJson = await request(server)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send('{"frames": [');
      expect(notJson.status).toBe(400);
      const notABatch = await ingest(server, token, 'nope' as any);
      expect(notABatch.status).toBe(400);
      const unauthorized = await ingest(
        server,
        'sindri_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        [heartbeat()],
      );
      expect(unauthorized.status).toBe(401);
      const noToken = await request(server)
        .post('/api/sindri/ingest')
        .send({ frames: [heartbeat()] });
      expect(noToken.status).toBe(401);
      const huge = await ingest(server, token, [
        {
          type: 'event',
          event: {
            id: crypto.randomUUID(),
            at: new Date().toISOString(),
            type: 'deploy',
            message: 'x'.repeat(300_000),
          },
        },
      ]);
      expect(huge.status).toBe(413);
      const wrongName = await ingest(server, token, [
        { type: 'register', registration: registration('someone-else') },
      ]);
      expect(wrongName.status).toBe(200);
      expect(wrongName.body.results[0]).toMatchObject({
        type: 'error',
        id: 'register:i-someone-else',
        status: 403,
        message: expect.stringMatching(/^registration\.name: /),
      });
      const flood = [heartbeat(), heartbeat(), heartbeat(), heartbeat()];
      const flooded = await ingest(server, token, flood);
      expect(flooded.status).toBe(200);
      // over the rate limit: refused by id, with 429, for the agent to send again later
      const refused = flooded.body.results.filter(
        (r: any) => r.type === 'error',
      );
      expect(refused.length).toBeGreaterThanOrEqual(3);
      for (const r of refused)
        expect(r).toMatchObject({ status: 429, id: expect.any(String) });
      expect(refused.map((r: any) => r.id)).toEqual(
        flood
          .filter(f =>
            refused.some((r: any) => r.id === (f as any).heartbeat.id),
          )
          .map(f => (f as any).heartbeat.id),
      );
      expect((await counts(knex)).heartbeats).toBe(
        stored.heartbeats + flood.length - refused.length,
      );
    });

    it('revoking or rotating a token shuts the old one out', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex);
      const { token, instanceId } = await enroll(server, 'demo-1');
      const register = [
        { type: 'register', registration: registration('demo-1') },
      ];

      const rotated = await request(server)
        .post(`/api/sindri/enrollments/${instanceId}/rotate`)
        .set('Authorization', mockCredentials.user.header());
      expect(rotated.status).toBe(200);
      expect((await ingest(server, token, register)).status).toBe(401);
      expect((await ingest(server, rotated.body.token, register)).status).toBe(
        200,
      );

      const revoked = await request(server)
        .delete(`/api/sindri/enrollments/${instanceId}`)
        .set('Authorization', mockCredentials.user.header());
      expect(revoked.status).toBe(204);
      expect((await ingest(server, rotated.body.token, register)).status).toBe(
        401,
      );
    });

    it('streams over the agent WebSocket with an ack per frame, and refuses a bad token at the upgrade', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex);
      const { token } = await enroll(server, 'demo-1');
      const url = `ws://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/sindri/agent/connect`;

      const refused = new WebSocket(url, {
        headers: { Authorization: 'Bearer nope' },
      });
      const status = await new Promise(resolve =>
        refused.on('unexpected-response', (_req, res) =>
          resolve(res.statusCode),
        ),
      );
      expect(status).toBe(401);

      const ws = new WebSocket(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await new Promise((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('error', reject);
      });
      const replies: any[] = [];
      ws.on('message', data => replies.push(JSON.parse(data.toString())));
      const frames = [
        { type: 'register', registration: registration('demo-1') },
        heartbeat(),
        metrics(),
      ];
      for (const frame of frames) ws.send(JSON.stringify(frame));
      ws.send('{not json');
      ws.send(JSON.stringify({ type: 'heartbeat', heartbeat: { id: 'x' } }));
      await pollUntil(() => replies.length === 5, 'five replies');
      ws.close();

      expect(replies.slice(0, 3)).toEqual([
        { type: 'ack', id: 'register:i-demo-1' },
        { type: 'ack', id: (frames[1] as any).heartbeat.id },
        { type: 'ack', id: (frames[2] as any).metrics.id },
      ]);
      expect(replies[3]).toMatchObject({ type: 'error', status: 400 });
      expect(replies[4]).toMatchObject({
        type: 'error',
        id: 'x',
        status: 400,
        message: expect.stringMatching(/^heartbeat\.id: /),
      });
      expect(await counts(knex)).toEqual({
        heartbeats: 1,
        metrics: 1,
        events: 0,
      });
    });

    it('ends an agent connection within a second of its token being revoked, rotated, or taken away by another replica (revoked, or its instance removed)', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex);
      const url = `ws://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/sindri/agent/connect`;
      const open = async (token: string) => {
        const ws = new WebSocket(url, {
          headers: { Authorization: `Bearer ${token}` },
        });
        await new Promise((resolve, reject) => {
          ws.on('open', resolve);
          ws.on('error', reject);
        });
        const closed = new Promise<{ code: number; at: number }>(resolve =>
          ws.on('close', code => resolve({ code, at: Date.now() })),
        );
        return { ws, closed };
      };
      const auth = () => mockCredentials.user.header();

      const { token, instanceId } = await enroll(server, 'demo-1');
      const first = await open(token);
      const rotatedAt = Date.now();
      const rotated = await request(server)
        .post(`/api/sindri/enrollments/${instanceId}/rotate`)
        .set('Authorization', auth());
      const end1 = await first.closed;
      expect(end1.code).toBe(4401);
      expect(end1.at - rotatedAt).toBeLessThan(1000);

      const second = await open(rotated.body.token);
      const revokedAt = Date.now();
      await request(server)
        .delete(`/api/sindri/enrollments/${instanceId}`)
        .set('Authorization', auth())
        .expect(204);
      const end2 = await second.closed;
      expect(end2.code).toBe(4401);
      expect(end2.at - revokedAt).toBeLessThan(1000);

      // another replica revokes, or removes the instance: only the database says so
      const elsewhere = {
        tokens: new AgentTokenStore(knex),
        instances: new InstanceStore(knex),
      };
      const endedElsewhere = async (
        name: string,
        takeAway: (instanceId: string) => Promise<void>,
      ) => {
        const enrolled = await enroll(server, name);
        const connection = await open(enrolled.token);
        const at = Date.now();
        await takeAway(enrolled.instanceId);
        const end = await connection.closed;
        return { code: end.code, after: end.at - at };
      };
      const end3 = await endedElsewhere('demo-2', id =>
        elsewhere.tokens.revoke(id),
      );
      expect(end3.code).toBe(4401);
      expect(end3.after).toBeLessThan(1500);
      const end4 = await endedElsewhere('demo-3', id =>
        elsewhere.instances.remove(id),
      );
      expect(end4.code).toBe(4401);
      expect(end4.after).toBeLessThan(1500);
    });

    it('marks a silent agent unresponsive within two keepalive intervals and drops its connection', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex, {
        agents: { keepaliveInterval: { milliseconds: 600 } },
      });
      const { token } = await enroll(server, 'demo-1');
      const url = `ws://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/api/sindri/agent/connect`;
      // a half-open peer: it never answers pings
      const ws = new WebSocket(url, {
        headers: { Authorization: `Bearer ${token}` },
        autoPong: false,
      });
      await new Promise((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('error', reject);
      });
      const acked = new Promise(resolve =>
        ws.on(
          'message',
          raw => raw.toString().includes('"ack"') && resolve(undefined),
        ),
      );
      ws.send(
        JSON.stringify({
          type: 'register',
          registration: registration('demo-1'),
        }),
      );
      await acked;
      const silentFrom = Date.now();
      const closedAt = await new Promise<number>(resolve =>
        ws.on('close', () => resolve(Date.now())),
      );
      expect(closedAt - silentFrom).toBeLessThan(2 * 600 + 300);
      let status: string | undefined;
      for (let i = 0; i < 50 && status !== 'unresponsive'; i++) {
        status = (
          await request(server)
            .get('/api/sindri/instances/demo-1')
            .set('Authorization', mockCredentials.user.header())
        ).body.status;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(status).toBe('unresponsive');
    });

    it('answers 403 on every read and enrollment route when the policy denies', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startBackend(knex, {
        permission: AuthorizeResult.DENY,
      });
      const auth = mockCredentials.user.header();
      for (const [method, path] of [
        ['get', '/api/sindri/instances'],
        ['get', '/api/sindri/instances/demo-1'],
        ['get', '/api/sindri/instances/demo-1/metrics'],
        ['get', '/api/sindri/instances/demo-1/events'],
        ['get', '/api/sindri/enrollments'],
        ['post', '/api/sindri/enrollments'],
      ] as const) {
        const res = await (request(server) as any)
          [method](path)
          .set('Authorization', auth)
          .send({ name: 'x', owner: 'group:default/a' });
        expect([path, res.status]).toEqual([path, 403]);
      }
      const anonymous = await request(server)
        .get('/api/sindri/instances')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    });
  });
});
