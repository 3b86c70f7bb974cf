import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { Knex } from 'knex';
import { Agent, resolveConfig } from 'sindri-agent';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { pollUntil } from '@internal/plugin-sindri-common';

jest.setTimeout(120_000);

const registryDir = path.resolve(__dirname, '../../../registry/sindri-v3');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** A TCP forwarder with a fixed port, so the agent keeps its URL across backend restarts. */
async function forwarder() {
  let target = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(target, '127.0.0.1');
    [client, upstream].forEach(s => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    });
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    pointAt(port: number) {
      target = port;
    },
    async close() {
      sockets.forEach(s => s.destroy());
      await new Promise(r => server.close(r));
    },
  };
}

/** An HTTP proxy that refuses WebSocket upgrades: only the agent's HTTP fallback gets through. */
async function httpOnlyProxy(target: () => number) {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target(),
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      up => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (_req, socket) =>
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'),
  );
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise(r => server.close(r)),
  };
}

const startBackend = (knex: Knex) =>
  startTestBackend({
    features: [
      sindriPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { sindri: { registry: { path: registryDir } } },
      }),
    ],
  });

async function stored(knex: Knex) {
  const n = async (table: string, where = {}) =>
    Number((await knex(table).where(where).count({ n: '*' }))[0].n);
  return {
    heartbeat: await n('heartbeats'),
    metrics: await n('metric_samples', { resolution: 'raw' }),
    // what the agent sent (the portal's own events have no source key)
    event: Number(
      (
        await knex('sindri_events').whereNotNull('source_key').count({ n: '*' })
      )[0].n,
    ),
    logs: await n('sindri_log_batches'),
    // every part of the inventory arrived: it was assembled from all of them
    inventory: Number(
      (await knex('instance_inventories').sum({ n: 'parts' }))[0].n ?? 0,
    ),
  };
}

async function enrollDemo(server: http.Server): Promise<string> {
  const enrolled = await request(server)
    .post('/api/sindri/enrollments')
    .set('Authorization', mockCredentials.user.header())
    .send({ name: 'demo-1', owner: 'group:default/platform' });
  expect(enrolled.status).toBe(201);
  return enrolled.body.token;
}

/** A real agent for demo-1 with short intervals, talking to 127.0.0.1:port. */
function fastAgent(
  port: number,
  token: string,
  intervals: { metrics: string; maxBackoff: string; heartbeat?: string },
  onState?: (state: string) => void,
) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-agent-'));
  return new Agent(
    resolveConfig(
      {
        'console-url': `http://127.0.0.1:${port}`,
        name: 'demo-1',
        'state-dir': stateDir,
        'heartbeat-interval': intervals.heartbeat ?? '0.1',
        'metrics-interval': intervals.metrics,
        'max-backoff': intervals.maxBackoff,
      },
      { HOME: stateDir, SINDRI_AGENT_TOKEN: token },
    ),
    silent,
    onState,
  );
}

const SAMPLE_TABLES = ['heartbeats', 'metric_samples', 'sindri_events'];

/** Makes the database itself refuse every insert of a sample (a trigger that raises), until `allow()`. */
async function refuseSampleWrites(knex: Knex) {
  const pg = knex.client.config.client === 'pg';
  if (pg) {
    await knex.raw(
      `create or replace function sindri_refuse() returns trigger as $$ begin raise exception 'the database refuses writes'; end $$ language plpgsql`,
    );
  }
  for (const table of SAMPLE_TABLES) {
    await knex.raw(
      pg
        ? `create trigger refuse_${table} before insert on ${table} for each row execute function sindri_refuse()`
        : `create trigger refuse_${table} before insert on ${table} begin select raise(abort, 'the database refuses writes'); end`,
    );
  }
  return {
    async allow() {
      for (const table of SAMPLE_TABLES)
        await knex.raw(
          pg
            ? `drop trigger refuse_${table} on ${table}`
            : `drop trigger refuse_${table}`,
        );
    },
  };
}

describe('a real agent against the sindri backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'loses and doubles no sample across a backend restart, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const proxy = await forwarder();
      let backend = await startBackend(knex);
      proxy.pointAt((backend.server.address() as net.AddressInfo).port);

      const agent = fastAgent(proxy.port, await enrollDemo(backend.server), {
        metrics: '0.5',
        maxBackoff: '0.3',
      });
      await agent.start();

      await pollUntil(
        async () => (await stored(knex)).metrics >= 2,
        'two metrics samples stored',
      );
      await backend.stop();
      // the portal is down: the agent keeps sampling into its buffer
      const producedWhileDown = agent.produced.heartbeat;
      await pollUntil(
        () => agent.produced.heartbeat >= producedWhileDown + 10,
        'ten heartbeats produced while the database is down',
      );
      expect(agent.outbox.size).toBeGreaterThanOrEqual(10);

      backend = await startBackend(knex);
      proxy.pointAt((backend.server.address() as net.AddressInfo).port);
      await pollUntil(
        () => agent.produced.heartbeat >= producedWhileDown + 20,
        'twenty heartbeats produced while the database is down',
      );
      await agent.flushAndStop(10_000);

      expect(agent.outbox.size).toBe(0);
      expect(agent.outbox.dropped).toBe(0);
      expect(await stored(knex)).toEqual(agent.produced);
      await backend.stop();
      await proxy.close();
    },
  );

  it.each(databases.eachSupportedId())(
    'stores every sample exactly once after the database refused writes for 30 s while the socket stayed up, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startBackend(knex);
      const states: string[] = [];
      const agent = fastAgent(
        (backend.server.address() as net.AddressInfo).port,
        await enrollDemo(backend.server),
        { heartbeat: '0.2', metrics: '1', maxBackoff: '0.3' },
        state => states.push(state),
      );
      await agent.start();
      await pollUntil(
        async () => (await stored(knex)).metrics >= 1,
        'a metrics sample stored',
      );
      // what is installed goes out once, at start: in before the database refuses
      await pollUntil(
        async () => (await stored(knex)).inventory > 0,
        'the inventory stored',
      );

      const refusal = await refuseSampleWrites(knex);
      const before = await stored(knex);
      const producedBefore = agent.produced.heartbeat;
      await new Promise(r => setTimeout(r, 30_000));
      // nothing got in, the agent kept producing, and the connection never dropped
      // (150 heartbeats are due in 30 s; a loaded runner delays the agent's timers)
      expect(await stored(knex)).toEqual(before);
      expect(agent.produced.heartbeat - producedBefore).toBeGreaterThanOrEqual(
        50,
      );
      expect(agent.outbox.size).toBeGreaterThanOrEqual(50);
      await refusal.allow();

      await pollUntil(() => agent.outbox.size === 0, 'an empty outbox', 60_000);
      await agent.flushAndStop(10_000);
      expect(states.filter(s => s === 'disconnected')).toEqual([]);
      expect(agent.outbox.dropped).toBe(0);
      expect(agent.outbox.invalid).toBe(0);
      expect(await stored(knex)).toEqual(agent.produced);
      await backend.stop();
    },
    150_000,
  );

  it('falls back to HTTP ingest when the WebSocket cannot get through', async () => {
    const [databaseId] = databases.eachSupportedId()[0];
    const knex = await databases.init(databaseId);
    const backend = await startBackend(knex);
    const proxy = await httpOnlyProxy(
      () => (backend.server.address() as net.AddressInfo).port,
    );
    const agent = fastAgent(proxy.port, await enrollDemo(backend.server), {
      metrics: '60',
      maxBackoff: '0.2',
    });
    await agent.start();
    await pollUntil(
      async () => (await stored(knex)).heartbeat >= 5,
      'five heartbeats stored',
    );
    // more than one request body's worth (256 KiB): sent in batches that each fit
    for (let i = 0; i < 300; i++)
      agent.event('deploy', `${i} ${'x'.repeat(1000)}`);
    await pollUntil(
      async () => (await stored(knex)).event >= 301,
      '301 events stored',
      30_000,
    );
    // the deadline bounds a stuck stop; a slow machine may need most of it for 300 KB over HTTP
    await agent.flushAndStop(20_000);
    expect(agent.outbox.invalid).toBe(0);

    // its clean stop arrived over HTTP too
    const instance = await pollUntil(async () => {
      const res = await request(backend.server)
        .get('/api/sindri/instances/demo-1')
        .set('Authorization', mockCredentials.user.header());
      return res.body.status === 'stopped' ? res.body : undefined;
    }, 'the instance stopped');
    expect(instance).toMatchObject({ registration: { name: 'demo-1' } });
    await proxy.close();
    await backend.stop();
  });
});
