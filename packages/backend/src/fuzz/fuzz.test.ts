import crypto from 'node:crypto';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import WebSocket from 'ws';
import yaml from 'yaml';
import sindriPlugin from '@internal/plugin-sindri-backend';
import {
  agentFrameSchema,
  encodeDataFrame,
  pollUntil,
} from '@internal/plugin-sindri-common';
import { Agent, resolveConfig } from 'sindri-agent';
import {} from '../__testUtils__/live';

/**
 * Malformed, oversized, truncated and out-of-order input to every door of the
 * Sindri backend: the agent socket, HTTP ingest, the terminal socket and
 * every JSON route. None may answer 5xx, store a row, or grow the process
 * without bound, and a real agent is served as before afterwards.
 * SINDRI_FUZZ_RUNS sets how many inputs (CI runs fewer; `yarn fuzz` 10,000),
 * SINDRI_FUZZ_SEED the seed.
 */
const RUNS = Number(process.env.SINDRI_FUZZ_RUNS ?? 1200);
const SEED = Number(process.env.SINDRI_FUZZ_SEED ?? 20261201);
const share = (fraction: number) => Math.max(1, Math.round(RUNS * fraction));

jest.setTimeout(Math.max(300_000, RUNS * 60));

const repo = path.resolve(__dirname, '../../../..');
const spec = yaml.parse(
  fs.readFileSync(
    path.join(repo, 'plugins/sindri-backend/src/schema/openapi.yaml'),
    'utf8',
  ),
);
const user = mockCredentials.user.header('user:default/ops');

/** The heap in use once garbage is collected: what the process keeps, not what it has yet to free. */
function retainedHeapMb(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Every row of every table the plugin owns, counted. */
async function rowCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of [
    'instances',
    'agent_tokens',
    'heartbeats',
    'metric_samples',
    'sindri_events',
    'terminal_sessions',
    'terminal_input',
    'command_runs',
    'command_results',
    'instance_deployments',
    'lifecycle_operations',
  ]) {
    counts[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  }
  return counts;
}

/** A valid frame turned invalid: a field replaced, removed, or the whole thing cut short. */
const validHeartbeat = () => ({
  type: 'heartbeat',
  heartbeat: {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    uptimeSeconds: 5,
  },
});
const anyJson = fc.jsonValue({ maxDepth: 4 });
const brokenFrame = fc.oneof(
  anyJson,
  fc.record({
    type: fc.constantFrom(
      'register',
      'heartbeat',
      'metrics',
      'event',
      'pty-exit',
      'cmd-exit',
      'pty-opened',
      'cmd-output',
      'cmd-started',
      'bogus',
      '__proto__',
      'constructor',
    ),
    heartbeat: anyJson,
    metrics: anyJson,
    event: anyJson,
    registration: anyJson,
    run: fc.oneof(fc.uuid(), fc.string()),
    session: fc.string(),
  }),
  fc
    .tuple(
      fc.constantFrom('heartbeat', 'metrics', 'event'),
      fc.constantFrom(
        'id',
        'at',
        'uptimeSeconds',
        'cpu',
        'type',
        'data',
        'message',
      ),
      anyJson,
    )
    .map(([type, key, value]) => {
      const frame: any = {
        type,
        [type]: {
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          uptimeSeconds: 1,
          type: 'started',
        },
      };
      frame[type][key] = value;
      return frame;
    }),
);
const invalid = (frame: unknown) => !agentFrameSchema.safeParse(frame).success;
/** What goes on the agent socket: broken frames as JSON, cut-off JSON, oversized text, random bytes, out-of-order live frames. */
const socketMessage = fc.oneof(
  {
    weight: 4,
    arbitrary: brokenFrame
      .filter(invalid)
      .map(f => ({ text: JSON.stringify(f) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .nat({ max: 200 })
      .map(n => ({ text: JSON.stringify(validHeartbeat()).slice(0, n % 80) })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 257 * 1024, max: 900 * 1024 }).map(n => ({
      text: `{"type":"heartbeat","heartbeat":{"id":"${'x'.repeat(n)}"}}`,
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .uint8Array({ maxLength: 512 })
      .map(bytes => ({ binary: Buffer.from(bytes) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('output', 'replay', 'input') as fc.Arbitrary<
          'output' | 'replay' | 'input'
        >,
        fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
        fc.uint8Array({ maxLength: 256 }),
      )
      .map(([kind, session, bytes]) => ({
        binary: Buffer.from(encodeDataFrame(kind, session, bytes)),
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.uuid().map(run => ({
          type: 'cmd-exit',
          run,
          exitCode: 0,
          signal: null,
          ended: 'exited',
          durationMs: 1,
          stdoutBytes: 0,
          stderrBytes: 0,
        })),
        fc.uuid().map(run => ({
          type: 'cmd-output',
          run,
          stream: 'stdout',
          data: 'late',
        })),
        fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/).map(session => ({
          type: 'pty-exit',
          session,
          reason: 'exited',
          exitCode: 0,
        })),
        fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/).map(session => ({
          type: 'pty-opened',
          session,
          created: true,
          replayBytes: 0,
        })),
      )
      .map(f => ({ text: JSON.stringify(f) })),
  },
);

/** What a path parameter or query value may be. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '..',
    '%2e%2e',
    '%',
    '%zz',
    '%00',
    'dev-1',
    'a'.repeat(300),
    '00000000-0000-4000-8000-000000000000',
    '<script>',
    "' or 1=1 --",
    'ÿ',
    '%E0%A4%A',
  ),
);
const body = fc.oneof(
  anyJson.map(v => ({ json: v })),
  fc.string({ maxLength: 200 }).map(text => ({ raw: text })),
  fc.constantFrom(
    { raw: '{"frames": [' },
    { raw: '' },
    { raw: 'null' },
    { raw: `{"x":"${'y'.repeat(300_000)}"}` },
  ),
);

describe('fuzzing the Sindri backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: TestBackend;
  let knex: Knex;
  let port: number;
  let agentToken: string;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    backend = await startTestBackend({
      features: [
        sindriPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            sindri: {
              registry: { path: path.join(repo, 'registry/sindri-v3') },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    port = (backend.server.address() as AddressInfo).port;
    const enrolled = await request(backend.server)
      .post('/api/sindri/enrollments')
      .set('Authorization', user)
      .send({ name: 'fuzz-1', owner: 'group:default/platform' });
    agentToken = enrolled.body.token;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it(`answers ${RUNS} hostile inputs without a 5xx, a stored row or unbounded growth, then serves a real agent`, async () => {
    // an agent for the instance, scripted: it registers and opens every terminal it is asked for
    const agent = new WebSocket(
      `ws://127.0.0.1:${port}/api/sindri/agent/connect`,
      { headers: { Authorization: `Bearer ${agentToken}` } },
    );
    await new Promise((resolve, reject) => {
      agent.once('open', resolve);
      agent.once('error', reject);
    });
    const serverReplies: any[] = [];
    const closes: number[] = [];
    agent.on('message', (raw, isBinary) => {
      if (isBinary) return;
      const frame = JSON.parse(raw.toString());
      serverReplies.push(frame);
      if (frame.type === 'pty-open')
        agent.send(
          JSON.stringify({
            type: 'pty-opened',
            session: frame.session,
            created: true,
            replayBytes: 0,
          }),
        );
    });
    agent.on('close', code => closes.push(code));
    agent.send(
      JSON.stringify({
        type: 'register',
        registration: {
          instanceId: 'i-fuzz',
          name: 'fuzz-1',
          provider: 'local',
          hostname: 'fuzz',
          os: { platform: 'linux', release: '6', arch: 'x64' },
          agentVersion: '0.1.0',
          bootTime: new Date().toISOString(),
          heartbeatIntervalSeconds: 10,
          extensions: [],
        },
      }),
    );
    await pollUntil(
      () => serverReplies.some(r => r.type === 'ack'),
      'the registration',
    );

    const terminal = new WebSocket(
      `ws://127.0.0.1:${port}/api/sindri/instances/fuzz-1/terminal/fuzz-session-1?cols=80&rows=24`,
      {
        headers: {
          Cookie: mockCredentials.limitedUser.cookie('user:default/ops'),
        },
      },
    );
    const terminalCloses: number[] = [];
    terminal.on('close', code => terminalCloses.push(code));
    await new Promise((resolve, reject) => {
      terminal.once('open', resolve);
      terminal.once('error', reject);
    });
    // what the fuzzing may not add to: the rows so far (the registration, and the terminal just opened)
    const before = await rowCounts(knex);
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = retainedHeapMb();
    const statuses: Array<[string, number]> = [];
    const run = <T>(
      arbitrary: fc.Arbitrary<T>,
      numRuns: number,
      check: (value: T) => Promise<void>,
    ) =>
      fc.assert(fc.asyncProperty(arbitrary, check), {
        numRuns,
        seed: SEED,
        endOnFailure: true,
      });

    // 1. the agent socket
    await run(socketMessage, share(0.4), async message => {
      if ('text' in message) agent.send(message.text);
      else agent.send(message.binary, { binary: true });
      await new Promise(resolve => setImmediate(resolve));
    });
    await new Promise(r => setTimeout(r, 1000));
    expect(closes).toEqual([]);
    expect(
      serverReplies.filter(r => r.type === 'error' && r.status >= 500),
    ).toEqual([]);

    // 2. HTTP ingest
    const ingestBody = fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .array(brokenFrame.filter(invalid), { minLength: 1, maxLength: 20 })
          .map(frames => ({ json: { frames } })),
      },
      { weight: 2, arbitrary: body },
    );
    await run(
      fc.tuple(
        ingestBody,
        fc.constantFrom(
          `Bearer ${agentToken}`,
          'Bearer sindri_x',
          '',
          'Basic abc',
        ),
      ),
      share(0.2),
      async ([b, authorization]) => {
        let req = request(backend.server).post('/api/sindri/ingest');
        if (authorization) req = req.set('Authorization', authorization);
        const res = await req
          .set('Content-Type', 'application/json')
          .send('json' in b ? JSON.stringify(b.json) : b.raw);
        statuses.push([
          `POST /ingest ${'json' in b ? 'json' : b.raw.slice(0, 40)}`,
          res.status,
        ]);
        // each frame's own verdict, too
        for (const r of res.status === 200 ? res.body.results : [])
          statuses.push(['POST /ingest frame', r.status ?? 200]);
      },
    );

    // 3. the terminal socket: hostile upgrades, then hostile messages on an open session
    await run(
      fc.tuple(hostileString, hostileString, hostileString),
      share(0.05),
      async ([name, session, query]) => {
        const status = await new Promise<number>(resolve => {
          let ws: WebSocket;
          try {
            ws = new WebSocket(
              `ws://127.0.0.1:${port}/api/sindri/instances/${encodeURIComponent(
                name,
              )}/terminal/${encodeURIComponent(
                session,
              )}?cols=${encodeURIComponent(query)}`,
              {
                headers: {
                  Cookie:
                    mockCredentials.limitedUser.cookie('user:default/ops'),
                },
              },
            );
          } catch {
            resolve(0);
            return;
          }
          ws.on('unexpected-response', (req, res) => {
            resolve(res.statusCode ?? 0);
            req.destroy();
          });
          ws.on('open', () => {
            ws.close();
            resolve(101);
          });
          ws.on('error', () => resolve(0));
        });
        statuses.push([`upgrade terminal ${name} ${session} ${query}`, status]);
      },
    );
    await run(
      fc.oneof(
        anyJson.map(v => JSON.stringify(v)),
        fc.string({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 1024 }).map(b => Buffer.from(b)),
      ),
      share(0.1),
      async message => {
        if (terminal.readyState === WebSocket.OPEN)
          terminal.send(message, { binary: Buffer.isBuffer(message) });
        await new Promise(resolve => setImmediate(resolve));
      },
    );
    await new Promise(r => setTimeout(r, 500));
    // a client's bad message closes its socket as a bad request, never as the portal's failure
    expect(terminalCloses.filter(code => code === 1011)).toEqual([]);

    // 4. every JSON route
    const operations = Object.entries<any>(spec.paths).flatMap(([route, ops]) =>
      Object.entries<any>(ops)
        .filter(
          ([method, op]) =>
            method !== 'parameters' && op['x-websocket'] !== true,
        )
        .map(([method, op]) => ({
          method,
          route,
          // an event stream does not end: its status and first chunk are its answer
          streams: Boolean(
            op.responses?.['200']?.content?.['text/event-stream'],
          ),
        })),
    );
    await run(
      fc.tuple(
        fc.constantFrom(...operations),
        fc.array(hostileString, { minLength: 3, maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 12 }), hostileString, {
          maxKeys: 4,
        }),
        body,
      ),
      share(0.25),
      async ([op, params, query, b]) => {
        let i = 0;
        const url = `/api/sindri${op.route.replace(/\{[^}]+\}/g, () =>
          encodeURIComponent(params[i++]),
        )}`;
        let req = (request(backend.server) as any)
          [op.method](url)
          .set('Authorization', user)
          .query(query);
        if (op.method !== 'get' && op.method !== 'delete')
          req = req
            .set('Content-Type', 'application/json')
            .send('json' in b ? JSON.stringify(b.json) : b.raw);
        if (op.streams)
          req = req.buffer(false).parse((stream: any, done: any) => {
            stream.once('data', () => {
              stream.destroy();
              done(null, '');
            });
            stream.once('end', () => done(null, ''));
          });
        else req = req.buffer(true);
        const res = await req
          .timeout({ response: 5000 })
          .catch(
            (error: any) =>
              error.response ?? { status: 0, error: String(error) },
          );
        statuses.push([
          `${op.method} ${url}${res.error ? ` (${res.error})` : ''}`,
          res.status,
        ]);
      },
    );

    const fiveHundreds = statuses.filter(
      ([, status]) => status >= 500 || status === 0,
    );
    expect(fiveHundreds).toEqual([]);
    expect(await rowCounts(knex)).toEqual(before);
    // what the backend (in this process) holds on to after all of it: the client's garbage collected first
    serverReplies.length = 0;
    const heapGrowthMb = retainedHeapMb() - heapBefore;
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    // eslint-disable-next-line no-console
    console.log(
      `fuzz: inputs=${RUNS} seed=${SEED} requests=${
        statuses.length
      } retained_heap_growth_mb=${heapGrowthMb.toFixed(
        1,
      )} rss_growth_mb=${rssGrowthMb.toFixed(1)}`,
    );
    expect(heapGrowthMb).toBeLessThan(50);
    expect(rssGrowthMb).toBeLessThan(400);

    agent.close();
    terminal.close();

    // a real agent is served as before
    const stateDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'sindri-fuzz-agent-'),
    );
    const real = new Agent(
      resolveConfig(
        {
          'console-url': `http://127.0.0.1:${port}`,
          name: 'fuzz-1',
          'state-dir': stateDir,
          'heartbeat-interval': '0.2',
          'metrics-interval': '0.5',
        },
        { HOME: stateDir, SINDRI_AGENT_TOKEN: agentToken },
      ),
      { info: () => {}, warn: () => {}, error: () => {} },
    );
    await real.start();
    await pollUntil(
      async () =>
        Number((await knex('metric_samples').count({ n: '*' }))[0].n) >= 2,
      "the real agent's samples",
      20_000,
    );
    await real.flushAndStop(5000);
    expect(real.outbox.invalid).toBe(0);
    expect(Number((await knex('heartbeats').count({ n: '*' }))[0].n)).toBe(
      real.produced.heartbeat,
    );
  });
});
