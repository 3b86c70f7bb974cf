// yarn bench:logs [--agents 1000] [--seconds 60] [--seed-lines 5000000] [--searches 100]
//
// Log lines on PostgreSQL. Seeds --seed-lines stored lines over the agents'
// instances (generated in the database: extension installs, npm and pip
// output, request lines with ids), then --agents simulated agents, each on its
// own WebSocket, ship one line a second for --seconds; every batch's ack is
// timed, and the lines stored afterwards are counted against those sent.
// Then --searches word searches through GET /logs (newest first, a page of
// 100), against the same queries as an unindexed scan (LIKE on the text,
// the store's `unindexed` mode) in the same run: the floor the index is
// measured against.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import WebSocket from 'ws';
import {
  connectAgent,
  enroll,
  percentile,
  postgresAvailable,
  startServer,
  USER_AUTH,
} from './lib/harness';
import { LogStore } from '../plugins/sindri-backend/src/logs/LogStore';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    'seed-lines': { type: 'string', default: '5000000' },
    searches: { type: 'string', default: '120' },
    scans: { type: 'string', default: '24' },
    'keep-database': { type: 'boolean', default: false },
  },
});
const AGENTS = Number(values.agents);
const SECONDS = Number(values.seconds);
const url =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

/**
 * Words as the agents' logs have them, in 5 million lines: common (timeout:
 * 830,000; npm ERR; python installed), words that go together (connection
 * refused: 100,000), middling (E404: 8,300) and rare (segfault: 50).
 */
const QUERIES = [
  'timeout',
  'npm ERR',
  'python installed',
  'connection refused',
  'E404',
  'segfault',
];

async function seedLines(database: string, lines: number) {
  const knex = knexFactory({ client: 'pg', connection: `${url}/${database}` });
  const started = Date.now();
  // bulk load without the text index, then build it as the migration defines it, as a restore would
  const [{ indexdef }] = (
    await knex.raw(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'sindri_log_lines_search'",
    )
  ).rows;
  await knex.raw('DROP INDEX sindri_log_lines_search');
  await knex.raw(
    `INSERT INTO sindri_log_lines (instance_id, instance_name, at, source, level, text)
     SELECT i.id, i.name, now() - ((? - n) * interval '100 milliseconds'),
       (ARRAY['/home/dev/.sindri/logs/python.log', '/home/dev/.sindri/logs/nodejs.log',
              '/home/dev/.sindri/status_ledger.jsonl', 'journald:docker.service'])[1 + n % 4],
       (ARRAY['info', 'info', 'info', 'warn', 'error', NULL])[1 + n % 6],
       CASE
         WHEN n % 100000 = 7 THEN format('kernel: node[%s] segfault at %s ip %s', n, md5(n::text), n % 977)
         WHEN n % 6 = 4 THEN format('npm ERR! code E%s while installing %s (request %s)',
           400 + n % 100, (ARRAY['typescript', 'eslint', 'vite', 'pnpm'])[1 + n % 4], left(md5(n::text), 12))
         WHEN n % 6 = 3 THEN format('request %s to registry.npmjs.org: timeout after %s ms',
           left(md5(n::text), 12), 1000 + n % 9000)
         WHEN n % 50 = 5 THEN format('dial tcp 10.0.%s.%s:5432: connection refused', n % 255, n % 253)
         ELSE format('extension %s installed %s in %s s (step %s of %s, id %s)',
           (ARRAY['python', 'nodejs', 'rust', 'golang', 'docker', 'ollama', 'jvm', 'ruby'])[1 + n % 8],
           (ARRAY['ok', 'from cache', 'with warnings'])[1 + n % 3], n % 300, n % 12, 12, left(md5(n::text), 10))
       END
     FROM generate_series(1, ?) AS n
     JOIN (SELECT id, name, row_number() OVER (ORDER BY name) - 1 AS k FROM instances) AS i
       ON i.k = n % (SELECT count(*) FROM instances)`,
    [lines, lines],
  );
  const loadedMs = Date.now() - started;
  await knex.raw(indexdef);
  await knex.raw('ANALYZE sindri_log_lines');
  const [{ n }] = await knex('sindri_log_lines').count({ n: '*' });
  await knex.destroy();
  return {
    rows: Number(n),
    loadedMs,
    indexedMs: Date.now() - started - loadedMs,
  };
}

async function connectAgents(serverUrl: string) {
  const names = Array.from({ length: AGENTS }, (_, i) => `logs-${i}`);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < names.length; i += 50)
    await Promise.all(
      names.slice(i, i + 50).map(async name => {
        const token = await enroll(serverUrl, name);
        const ws = await connectAgent(serverUrl, token, name);
        sockets.push(ws);
      }),
    );
  return sockets;
}

/** Each agent ships one line a second, at its own offset within the second; every batch's ack is timed. */
async function ship(sockets: WebSocket[]) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let errors = 0;
  let lastAck = 0;
  for (const ws of sockets)
    ws.on('message', data => {
      const reply = JSON.parse(data.toString());
      const at = sentAt.get(reply.id);
      if (at === undefined) return;
      sentAt.delete(reply.id);
      lastAck = performance.now();
      if (reply.type === 'ack') latencies.push(lastAck - at);
      else errors += 1;
    });
  let sent = 0;
  const t0 = performance.now();
  const timers = sockets.map((ws, i) =>
    setTimeout(() => {
      let second = 0;
      const send = () => {
        const id = crypto.randomUUID();
        sentAt.set(id, performance.now());
        ws.send(
          JSON.stringify({
            type: 'logs',
            logs: {
              id,
              lines: [
                {
                  at: new Date().toISOString(),
                  source: '/home/dev/.sindri/logs/bench.log',
                  text: `bench line ${second} of agent ${i}: request ${id.slice(
                    0,
                    8,
                  )} served`,
                },
              ],
            },
          }),
        );
        sent += 1;
        second += 1;
      };
      send();
      const every = setInterval(() => {
        if (second >= SECONDS) clearInterval(every);
        else send();
      }, 1000);
    }, (i * 1000) / sockets.length),
  );
  await new Promise(r => setTimeout(r, SECONDS * 1000 + 1000));
  // the last acks
  const deadline = Date.now() + 30_000;
  while (sentAt.size && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 100));
  timers.forEach(clearTimeout);
  // from the first line sent to the last one acknowledged
  const elapsed = (lastAck - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { sent, acked: latencies.length, errors, latencies, elapsed };
}

async function timedSearch(serverUrl: string, q: string) {
  const t0 = performance.now();
  const res = await fetch(
    `${serverUrl}/api/sindri/logs?q=${encodeURIComponent(q)}&limit=100`,
    { headers: { Authorization: USER_AUTH } },
  );
  const body = (await res.json()) as { items: unknown[] };
  if (!res.ok) throw new Error(`search ${q}: ${res.status}`);
  return { ms: performance.now() - t0, found: body.items.length };
}

async function main() {
  if (!(await postgresAvailable()))
    throw new Error('bench:logs needs PostgreSQL on 127.0.0.1:5432');
  const database = `sindri_logs_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw(`CREATE DATABASE ${database}`);
  const server = await startServer('pg', { pgDatabase: database });
  try {
    const sockets = await connectAgents(server.url);
    const seeded = await seedLines(database, Number(values['seed-lines']));
    console.log(
      `logs bench: ${seeded.rows} lines over ${AGENTS} instances loaded in ${(
        seeded.loadedMs / 1000
      ).toFixed(1)} s, text index built in ${(seeded.indexedMs / 1000).toFixed(
        1,
      )} s`,
    );

    const knex = knexFactory({
      client: 'pg',
      connection: `${url}/${database}`,
    });
    const shipped = await ship(sockets);
    const [{ n: stored }] = await knex('sindri_log_lines')
      .where('source', '/home/dev/.sindri/logs/bench.log')
      .count({ n: '*' });
    const lost = shipped.sent - Number(stored);
    console.log(
      `  shipped ${
        shipped.sent
      } lines from ${AGENTS} agents in ${shipped.elapsed.toFixed(1)} s: ${
        shipped.acked
      } acked, ${
        shipped.errors
      } refused, ${stored} stored, ${lost} lost; ack p50 ${percentile(
        shipped.latencies,
        50,
      ).toFixed(1)} ms, p99 ${percentile(shipped.latencies, 99).toFixed(1)} ms`,
    );
    sockets.forEach(ws => ws.close());

    // searches through the route, scans through the store, alternated over the same queries
    const store = new LogStore(knex);
    const searches: number[] = [];
    const scans: number[] = [];
    const found: Record<string, [number, number]> = {};
    const byQuery: Record<string, number[]> = {};
    for (const q of QUERIES) await timedSearch(server.url, q); // warm up
    for (let i = 0; i < Number(values.searches); i++) {
      const q = QUERIES[i % QUERIES.length];
      const search = await timedSearch(server.url, q);
      searches.push(search.ms);
      (byQuery[q] ??= []).push(search.ms);
      if (i < Number(values.scans)) {
        const t0 = performance.now();
        const scan = await store.search({
          text: q,
          limit: 100,
          unindexed: true,
        });
        scans.push(performance.now() - t0);
        found[q] = [search.found, scan.items.length];
      }
    }
    searches.sort((a, b) => a - b);
    scans.sort((a, b) => a - b);
    await knex.destroy();
    console.log(
      `  search p50 ${percentile(searches, 50).toFixed(1)} ms, p95 ${percentile(
        searches,
        95,
      ).toFixed(1)} ms (${searches.length}); unindexed scan p50 ${percentile(
        scans,
        50,
      ).toFixed(1)} ms, p95 ${percentile(scans, 95).toFixed(1)} ms (${
        scans.length
      }); lines found (search, scan): ${JSON.stringify(found)}`,
    );
    console.log(
      `  search p95 by query: ${Object.entries(byQuery)
        .map(
          ([q, t]) =>
            `${q} ${percentile(
              t.sort((a, b) => a - b),
              95,
            ).toFixed(1)} ms`,
        )
        .join(', ')}`,
    );
    console.log(
      `logs: lines_per_s=${(Number(stored) / shipped.elapsed).toFixed(
        0,
      )} ingest_p99_ms=${percentile(shipped.latencies, 99).toFixed(
        1,
      )} search_p95_ms=${percentile(searches, 95).toFixed(
        1,
      )} scan_p95_ms=${percentile(scans, 95).toFixed(1)} lost=${lost} rows=${
        seeded.rows
      }`,
    );
  } finally {
    await server.stop();
    if (values['keep-database']) console.log(`  kept database ${database}`);
    else await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
