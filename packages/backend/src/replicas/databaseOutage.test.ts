import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import request from 'supertest';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { pollUntil } from '@internal/plugin-sindri-common';
import { SimulatedAgent } from '../__testUtils__/SimulatedAgent';
import { countRows, producedAndStored } from '../__testUtils__/fleetSamples';
import {
  postgresBinariesAvailable,
  ThrowawayPostgres,
} from '../__testUtils__/ThrowawayPostgres';

jest.setTimeout(180_000);

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');
const AGENTS = 20;
const OUTAGE_MS = 30_000;

const describeWithPostgres = postgresBinariesAvailable()
  ? describe
  : describe.skip;

describeWithPostgres('a database outage', () => {
  let cluster: ThrowawayPostgres;
  beforeAll(async () => {
    cluster = await ThrowawayPostgres.create();
  });
  afterAll(() => cluster?.destroy());

  it('PostgreSQL stopped for 30 s while agents report: the backend stays up and says so, agents buffer, nothing is lost, ingest is back within 30 s', async () => {
    const knex = knexFactory({
      client: 'pg',
      connection: cluster.connection,
      pool: { min: 0, max: 10 },
      acquireConnectionTimeout: 5_000,
      // the pool's refused connections during the outage are the point, not news
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
    const backend = await startTestBackend({
      features: [
        sindriPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { sindri: { registry: { path: registryDir } } },
        }),
      ],
    });
    const port = (backend.server.address() as { port: number }).port;
    const agents: SimulatedAgent[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const enrolled = await request(backend.server)
        .post('/api/sindri/enrollments')
        .set('Authorization', mockCredentials.user.header())
        .send({ name: `outage-${i}`, owner: 'group:default/platform' });
      expect(enrolled.status).toBe(201);
      agents.push(
        new SimulatedAgent({
          consoleUrl: `http://127.0.0.1:${port}`,
          token: enrolled.body.token,
          name: `outage-${i}`,
          heartbeatMs: 250,
          metricsMs: 1000,
        }),
      );
    }
    agents.forEach(a => a.start());
    await pollUntil(
      async () => (await countRows(knex, 'metric_samples')) >= AGENTS,
      'every agent reporting',
    );

    cluster.stop();
    const stoppedAt = Date.now();
    // the backend stays up and says the database is gone, and since when
    const degraded = await pollUntil(async () => {
      const res = await request(backend.server).get('/api/sindri/health');
      return res.status === 503 && res.body;
    }, 'the health route to report the outage');
    expect(degraded).toMatchObject({
      status: 'degraded',
      database: { client: 'pg', reachable: false },
    });
    expect(
      Date.parse(degraded.database.unreachableSince),
    ).toBeGreaterThanOrEqual(stoppedAt - 1000);
    const bufferedBefore = agents.reduce((n, a) => n + a.outbox.size, 0);
    await new Promise(r => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)));
    const buffered = agents.reduce((n, a) => n + a.outbox.size, 0);
    expect(buffered).toBeGreaterThan(bufferedBefore);
    const health = await request(backend.server).get('/api/sindri/health');
    expect(health.status).toBe(503);

    const producedBeforeReturn = agents.reduce(
      (n, a) => n + a.produced.heartbeat,
      0,
    );
    cluster.start();
    const returnedAt = Date.now();
    // ingest is back: heartbeats produced during the outage are stored
    await pollUntil(
      async () => (await countRows(knex, 'heartbeats')) >= producedBeforeReturn,
      'the buffered heartbeats stored',
      30_000,
    );
    const recoveryMs = Date.now() - returnedAt;
    expect(recoveryMs).toBeLessThan(30_000);
    expect(
      (await request(backend.server).get('/api/sindri/health')).status,
    ).toBe(200);

    // nothing lost, nothing twice
    const { produced, stored } = await producedAndStored(knex, agents);
    expect(stored).toEqual(produced);
    expect(agents.every(a => a.outbox.dropped === 0)).toBe(true);

    await Promise.all(agents.map(a => a.stop()));
    await backend.stop();
    await knex.destroy();
  });
});
