// yarn bench:ingest [--agents 1000] [--seconds 10] [--window 4] [--db sqlite|pg|both]
// yarn bench:ingest --paced [--agents 10000] [--seconds 300] [--warmup 30] [--db pg]
//
// --paced: every agent reports at the agent's default intervals instead of as
// fast as it can (see lib/pacedIngest.ts); prints
// `ingest_paced: agents= samples_per_s= p99_ms= lost= backend_cpu_percent=
// host_steal_percent=` (the share of the host's CPU time the hypervisor gave
// to other guests meanwhile: on a shared host, what the figures were made under).
//
// N simulated agents, each on its own WebSocket to a real Sindri backend over
// loopback, stream heartbeat and metrics frames with `window` frames awaiting
// their ack. Reports sustained acked samples/s, ack latency (p50/p99) and the
// backend's RSS; then bulk-inserts the same number of rows straight into the
// same kind of database, for comparison. Runs on SQLite and, when one answers
// on 127.0.0.1:5432, on PostgreSQL; the last line is the PostgreSQL run's
// (the production database), or SQLite's without one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory, { Knex } from 'knex';
import WebSocket from 'ws';
import {
  connectAgent,
  enroll,
  inBatches,
  percentile,
  postgresAvailable,
  repoRoot,
  startServer,
} from './lib/harness';
import { heartbeatFrame, metricsFrame } from './lib/frames';
import { startCommitProbe } from './lib/commitProbe';
import { runPacedIngest } from './lib/pacedIngest';
import { cpuSeconds, cpuSecondsOfAll } from './lib/processCpu';
import { cpuTicks, stealPercent } from './lib/cpuSteal';

const { values } = parseArgs({
  options: {
    // defaults: 1,000 agents for 10 s; 10,000 for 300 s when paced
    agents: { type: 'string' },
    seconds: { type: 'string' },
    window: { type: 'string', default: '4' },
    db: { type: 'string', default: 'both' },
    paced: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '30' },
  },
});
const AGENTS = Number(values.agents ?? (values.paced ? 10_000 : 1000));
const SECONDS = Number(values.seconds ?? (values.paced ? 300 : 10));
const WINDOW = Number(values.window);

async function runIngest(db: 'sqlite' | 'pg') {
  const server = await startServer(db);
  const names = Array.from({ length: AGENTS }, (_, i) => `bench-${i}`);
  const tokens = new Map<string, string>();
  await inBatches(names, 50, async name => {
    tokens.set(name, await enroll(server.url, name));
  });

  const sockets: WebSocket[] = [];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let acked = 0;
  let errors = 0;
  let measuring = false;
  let stopping = false;

  let sent = 0;
  const pump = (ws: WebSocket) => {
    if (stopping) return;
    // half metrics, half heartbeats
    const frame = sent++ % 2 === 0 ? metricsFrame() : heartbeatFrame();
    const id = (frame as any).metrics?.id ?? (frame as any).heartbeat.id;
    sentAt.set(id, performance.now());
    ws.send(JSON.stringify(frame));
  };

  await inBatches(names, 100, async name => {
    const ws = await connectAgent(server.url, tokens.get(name)!, name);
    ws.on('message', data => {
      const reply = JSON.parse(data.toString());
      const started = sentAt.get(reply.id);
      sentAt.delete(reply.id);
      if (reply.type !== 'ack') errors += 1;
      else if (measuring && started !== undefined) {
        acked += 1;
        latencies.push(performance.now() - started);
      }
      pump(ws);
    });
    sockets.push(ws);
  });

  const warmup = 1000;
  sockets.forEach(ws => {
    for (let i = 0; i < WINDOW; i++) pump(ws);
  });
  await new Promise(r => setTimeout(r, warmup));
  measuring = true;
  const t0 = performance.now();
  const cpu0 = cpuNow(server.process.pid!, db);
  const ticks0 = cpuTicks();
  await new Promise(r => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuShares(cpu0, cpuNow(server.process.pid!, db), elapsed);
  const steal = stealPercent(ticks0, cpuTicks());
  const rss = server.rssMb();
  stopping = true;
  sockets.forEach(ws => ws.close());
  await server.stop();

  latencies.sort((a, b) => a - b);
  return {
    samplesPerS: acked / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rss,
    acked,
    errors,
    cpu,
    steal,
  };
}

interface CpuReading {
  backend: number;
  generator: number;
  database: number;
}

/**
 * CPU seconds so far of the backend, this process (the load generator, or
 * the bulk insert's client) and the database (PostgreSQL's server processes;
 * SQLite runs inside the backend).
 */
function cpuNow(backendPid: number | undefined, db: 'sqlite' | 'pg') {
  const own = process.cpuUsage();
  return {
    backend: backendPid ? cpuSeconds(backendPid) : 0,
    generator: (own.user + own.system) / 1e6,
    database: db === 'pg' ? cpuSecondsOfAll('postgres') : 0,
  };
}

/** Each one's share of one core between two readings, in percent. */
function cpuShares(from: CpuReading, to: CpuReading, seconds: number) {
  const share = (key: keyof CpuReading) =>
    ((to[key] - from[key]) / seconds) * 100;
  return {
    backend: share('backend'),
    generator: share('generator'),
    database: share('database'),
  };
}

const describeCpu = (cpu: CpuReading, who: string) =>
  `cpu_percent(backend=${cpu.backend.toFixed(0)} ${who}=${cpu.generator.toFixed(
    0,
  )} database=${cpu.database.toFixed(0)} of ${os.cpus().length * 100})`;

/** The same rows, bulk-inserted straight into a fresh database of the same kind. */
async function runBulkInsert(
  db: 'sqlite' | 'pg',
  rows: number,
): Promise<{ rowsPerS: number; cpu: CpuReading }> {
  let knex: Knex;
  let cleanup: () => Promise<void>;
  if (db === 'pg') {
    const name = `sindri_bulk_${process.pid}`;
    const admin = knexFactory({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:5432/postgres',
    });
    await admin.raw(`CREATE DATABASE ${name}`);
    knex = knexFactory({
      client: 'pg',
      connection: `postgresql://postgres@127.0.0.1:5432/${name}`,
    });
    cleanup = async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-bulk-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'bulk.sqlite') },
      useNullAsDefault: true,
    });
    await knex.raw('PRAGMA journal_mode = WAL');
    cleanup = async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await knex.migrate.latest({
    directory: path.join(repoRoot, 'plugins/sindri-backend/migrations'),
    tableName: 'sindri_knex_migrations',
  });
  await knex('instances').insert({
    id: 'bulk',
    name: 'bulk',
    owner: 'group:default/bench',
    status: 'running',
    created_at: new Date(),
    updated_at: new Date(),
  });
  const data = Array.from({ length: rows }, () => {
    const m = metricsFrame().metrics;
    return {
      id: m.id,
      instance_id: 'bulk',
      resolution: 'raw',
      at: new Date(m.at),
      data: JSON.stringify(m),
    };
  });
  const t0 = performance.now();
  const cpu0 = cpuNow(undefined, db);
  await knex.batchInsert('metric_samples', data, 500);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuShares(cpu0, cpuNow(undefined, db), seconds);
  await cleanup();
  return { rowsPerS: rows / seconds, cpu };
}

async function paced() {
  const db = values.db === 'sqlite' ? 'sqlite' : 'pg';
  const agents = AGENTS;
  const seconds = SECONDS;
  process.stdout.write(
    `[${db}] paced: ${agents} agents, heartbeat 10 s, metrics 30 s, ${values.warmup} s warm-up, ${seconds} s measured ...\n`,
  );
  const server = await startServer(db);
  // on PostgreSQL, the WAL the cluster wrote while measuring: what each commit waits to flush
  const admin =
    db === 'pg'
      ? knexFactory({
          client: 'pg',
          connection: 'postgresql://postgres@127.0.0.1:5432/postgres',
          // the commit probe's inserts wait through a stall together
          pool: { min: 0, max: 50 },
        })
      : undefined;
  const walAt = async () => ({
    lsn: (await admin!.raw('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn,
    at: performance.now(),
  });
  let walStart: { lsn: string; at: number } | undefined;
  let probe: ReturnType<typeof startCommitProbe> | undefined;
  try {
    const r = await runPacedIngest([server], {
      agents,
      seconds,
      warmupSeconds: Number(values.warmup),
      during: async () => {
        if (!admin) return;
        walStart = await walAt();
        probe = startCommitProbe(admin);
      },
    });
    const commits = (await probe?.stop()) ?? [];
    let wal = '';
    if (admin && walStart) {
      const end = await walAt();
      const bytes = (
        await admin.raw('SELECT pg_wal_lsn_diff(?, ?) AS bytes', [
          end.lsn,
          walStart.lsn,
        ])
      ).rows[0].bytes;
      wal = ` wal_mb_per_s=${(
        Number(bytes) /
        2 ** 20 /
        ((end.at - walStart.at) / 1000)
      ).toFixed(2)}`;
    }
    process.stdout.write(
      `[${db}] p50_ms=${r.p50.toFixed(1)} refused=${
        r.refused
      } backend_rss_mb=${r.rssMb[0].toFixed(0)}${wal}\n`,
    );
    if (commits.length)
      process.stdout.write(
        `[${db}] a lone insert started every 100 ms meanwhile, each committed on its own: n=${
          commits.length
        } p50_ms=${percentile(commits, 50).toFixed(1)} p99_ms=${percentile(
          commits,
          99,
        ).toFixed(1)} max_ms=${commits[commits.length - 1].toFixed(1)}\n`,
      );
    process.stdout.write(
      `ingest_paced: agents=${agents} samples_per_s=${r.samplesPerS.toFixed(
        0,
      )} p99_ms=${r.p99.toFixed(1)} lost=${
        r.lost
      } backend_cpu_percent=${r.backendCpuPercent.toFixed(
        1,
      )} host_steal_percent=${r.stealPercent.toFixed(1)}${
        commits.length
          ? ` floor_commit_p99_ms=${percentile(commits, 99).toFixed(1)}`
          : ''
      }\n`,
    );
  } finally {
    await admin?.destroy();
    await server.stop();
  }
}

async function main() {
  if (values.paced) {
    await paced();
    return;
  }
  const dbs: Array<'sqlite' | 'pg'> =
    values.db === 'both'
      ? ['sqlite', ...((await postgresAvailable()) ? ['pg' as const] : [])]
      : [values.db as 'sqlite' | 'pg'];
  const lines: string[] = [];
  for (const db of dbs) {
    process.stdout.write(
      `[${db}] ${AGENTS} agents, ${SECONDS} s, window ${WINDOW} ...\n`,
    );
    const result = await runIngest(db);
    const { rowsPerS: bulk, cpu: bulkCpu } = await runBulkInsert(
      db,
      Math.max(10_000, Math.min(200_000, result.acked)),
    );
    process.stdout.write(
      `[${db}] ingest ${describeCpu(
        result.cpu,
        'load_generator',
      )} host_steal_percent=${result.steal.toFixed(
        1,
      )}; bulk insert ${describeCpu(bulkCpu, 'client')}\n`,
    );
    const ratio = result.samplesPerS / bulk;
    process.stdout.write(
      `[${db}] samples_per_s=${result.samplesPerS.toFixed(
        0,
      )} p50_ms=${result.p50.toFixed(1)} p99_ms=${result.p99.toFixed(1)} ` +
        `backend_rss_mb=${result.rss.now.toFixed(
          0,
        )} backend_peak_rss_mb=${result.rss.peak.toFixed(0)} errors=${
          result.errors
        } ` +
        `bulk_insert_rows_per_s=${bulk.toFixed(
          0,
        )} ratio_vs_bulk_insert=${ratio.toFixed(3)}\n`,
    );
    lines.push(
      `ingest: agents=${AGENTS} samples_per_s=${result.samplesPerS.toFixed(
        0,
      )} p99_ms=${result.p99.toFixed(1)} ratio_vs_bulk_insert=${ratio.toFixed(
        3,
      )}`,
    );
  }
  process.stdout.write(`${lines[lines.length - 1]}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
