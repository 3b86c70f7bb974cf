// A Backstage backend with the Sindri plugin (and optionally the catalog with
// the Sindri module), started for a benchmark in its own process so that its
// memory can be read alone. Prints one JSON line: {"port": N}.
//
//   node -r @backstage/cli/config/nodeTransform.cjs bench/lib/server.ts --db sqlite|pg [--catalog]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import knexFactory, { Knex } from 'knex';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { rootLoggerServiceFactory } from '../../packages/backend/src/rootLogger';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    catalog: { type: 'boolean', default: false },
    'local-driver': { type: 'boolean', default: false },
    /** an existing PostgreSQL database to use (a bench seeded it), kept afterwards */
    'pg-database': { type: 'string' },
  },
});
const registryDir = path.resolve(__dirname, '../../registry/sindri-v3');

async function database(): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (values.db === 'pg') {
    const url =
      process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
    const existing = values['pg-database'];
    const name = existing ?? `sindri_bench_${process.pid}`;
    const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
    if (!existing) await admin.raw(`CREATE DATABASE ${name}`);
    const knex = knexFactory({
      client: 'pg',
      connection: `${url}/${name}`,
      pool: { min: 0, max: 10 },
    });
    return {
      knex,
      drop: async () => {
        await knex.destroy();
        if (!existing) await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
        await admin.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'sindri.sqlite') },
    useNullAsDefault: true,
  });
  await knex.raw('PRAGMA journal_mode = WAL');
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { knex, drop } = await database();
  const features: any[] = [
    import('@internal/plugin-sindri-backend'),
    mockServices.database.factory({ knex }),
    rootLoggerServiceFactory,
    // the portal's periodic work (status derivation, leases, sweeps) runs as in production, not once
    schedulerServiceFactory,
    // the test backend's events mock is per plugin; the portal's bus is shared
    eventsServiceFactory,
    mockServices.rootConfig.factory({
      data: {
        sindri: {
          registry: { path: registryDir },
          // the benchmark measures throughput, not the per-instance limit
          ingest: {
            rateLimit: { framesPerSecond: 1_000_000, burst: 1_000_000 },
          },
          catalog: { instances: { schedule: { frequencySeconds: 3600 } } },
          ...(values['local-driver']
            ? {
                deployments: {
                  workDir: fs.mkdtempSync(
                    path.join(os.tmpdir(), 'sindri-bench-instances-'),
                  ),
                },
                drivers: {
                  local: {
                    enabled: true,
                    allowNonLoopback: true,
                    agentCommand: [
                      process.execPath,
                      path.resolve(__dirname, '../../agent/bin/sindri-agent'),
                    ],
                  },
                },
              }
            : {}),
        },
        // instances are Resources, which the catalog's default rules do not allow
        catalog: { rules: [{ allow: ['Component', 'Resource', 'Location'] }] },
      },
    }),
  ];
  if (values.catalog) {
    features.push(
      import('@backstage/plugin-catalog-backend'),
      import('@internal/plugin-catalog-backend-module-sindri'),
    );
  }
  const backend = await startTestBackend({ features });
  process.stdout.write(
    `${JSON.stringify({
      port: (backend.server.address() as AddressInfo).port,
    })}\n`,
  );
  // with SINDRI_BENCH_LOOP_DELAY=1, how long the event loop kept work waiting, and the garbage collections over 50 ms, printed at the end
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const longCollections: string[] = [];
  const collections = new PerformanceObserver(list => {
    for (const entry of list.getEntries())
      if (entry.duration > 50)
        longCollections.push(
          `${new Date(
            performance.timeOrigin + entry.startTime,
          ).toISOString()} ${entry.duration.toFixed(0)} ms`,
        );
  });
  // and when the loop was held up for over 100 ms: the times to find in a CPU profile
  const stalls: string[] = [];
  if (process.env.SINDRI_BENCH_LOOP_DELAY) {
    loop.enable();
    collections.observe({ entryTypes: ['gc'] });
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      if (now - last > 110)
        stalls.push(
          `${new Date(performance.timeOrigin + last).toISOString()} ${(
            now - last
          ).toFixed(0)} ms`,
        );
      last = now;
    }, 10).unref();
    // what the heap and the buffers outside it hold: what starts a mark-compact (its limit, or external memory)
    setInterval(() => {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      const m = process.memoryUsage();
      process.stderr.write(
        `bench server: ${new Date().toISOString()} heap_used_mb=${mb(
          m.heapUsed,
        )} external_mb=${mb(m.external)} array_buffers_mb=${mb(
          m.arrayBuffers,
        )}\n`,
      );
    }, 5000).unref();
  }
  // with SINDRI_BENCH_ALLOC_PROF=FILE, a sampled profile of everything allocated (kept or collected), written at the end;
  // with SINDRI_BENCH_ALLOC_PROF_SURVIVORS=1 too, only of what outlived a young-generation collection (what fills the old generation)
  const allocations = process.env.SINDRI_BENCH_ALLOC_PROF
    ? new Session()
    : undefined;
  if (allocations) {
    allocations.connect();
    // SINDRI_BENCH_ALLOC_PROF_DELAY_S: from that many seconds after the start, e.g. once the agents are connected
    setTimeout(
      () =>
        void allocations.post('HeapProfiler.startSampling', {
          samplingInterval: 16384,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC:
            !process.env.SINDRI_BENCH_ALLOC_PROF_SURVIVORS,
        } as any),
      Number(process.env.SINDRI_BENCH_ALLOC_PROF_DELAY_S ?? 0) * 1000,
    );
  }
  const stop = async () => {
    if (allocations) {
      const { profile } = await allocations.post('HeapProfiler.stopSampling');
      fs.writeFileSync(
        process.env.SINDRI_BENCH_ALLOC_PROF!,
        JSON.stringify(profile),
      );
    }
    if (process.env.SINDRI_BENCH_LOOP_DELAY)
      process.stderr.write(
        `bench server: event loop delay p50_ms=${(
          loop.percentile(50) / 1e6
        ).toFixed(1)} p99_ms=${(loop.percentile(99) / 1e6).toFixed(
          1,
        )} max_ms=${(loop.max / 1e6).toFixed(1)}; collections over 50 ms: ${
          longCollections.join(', ') || 'none'
        }; held up over 100 ms from: ${stalls.join(', ') || 'never'}\n`,
      );
    await backend.stop();
    await drop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(`bench server: ${error.stack ?? error}\n`);
  process.exit(1);
});
