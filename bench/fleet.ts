// yarn bench:fleet [--instances 1000] [--hours 24] [--requests 200]
//
// The fleet overview's one route on PostgreSQL: seeds --instances registered
// instances with --hours of 30 s metrics samples each (generated in the
// database), lifecycle operations and the availability the scheduled task
// computes, then asks GET /fleet/summary --requests times. The floor, in the
// same run and alternated with it: GET /instances/bench-1, one instance and
// its newest sample, through the same backend and database.
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  percentile,
  postgresAvailable,
  startServer,
  USER_AUTH,
} from './lib/harness';
import { AvailabilityStore } from '../plugins/sindri-backend/src/fleet/AvailabilityStore';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1000' },
    hours: { type: 'string', default: '24' },
    requests: { type: 'string', default: '200' },
  },
});
const url =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

async function seed(database: string) {
  const knex = knexFactory({
    client: 'pg',
    connection: `${url}/${database}`,
  });
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-sindri-backend',
      'migrations',
    ),
    tableName: 'sindri_knex_migrations',
  });
  const instances = Number(values.instances);
  const samples = (Number(values.hours) * 3600) / 30;
  const started = Date.now();
  // the agents' shapes, generated where they are stored: providers, regions, a day of samples
  await knex.raw(
    `INSERT INTO instances (id, name, owner, provider, region, status, registered_at,
       heartbeat_interval_s, status_changed_at)
     SELECT gen_random_uuid()::text, 'bench-' || i, 'group:default/team-' || (i % 20),
       (ARRAY['fly','e2b','runpod','northflank','docker','kubernetes','devpod'])[1 + i % 7],
       (ARRAY['ams','iad','sjc','fra','syd','nrt', NULL])[1 + i % 7],
       (ARRAY['running','running','running','stopped','unresponsive'])[1 + i % 5],
       now() - interval '30 days', 10, now()
     FROM generate_series(1, ?) AS i`,
    [instances],
  );
  await knex.raw(
    'INSERT INTO instance_liveness (instance_id, last_heartbeat_at) SELECT id, now() FROM instances',
  );
  await knex.raw(
    `INSERT INTO metric_samples (id, instance_id, resolution, at, data)
     SELECT gen_random_uuid()::text, i.id, 'raw', s.at,
       json_build_object('id', gen_random_uuid(), 'at', s.at,
         'cpu', json_build_object('percent', round((random() * 100)::numeric, 1)),
         'memory', json_build_object('totalBytes', 8e9, 'usedBytes', round((random() * 8e9)::numeric)))::text
     FROM instances i,
       LATERAL generate_series(now() - (? * interval '30 seconds'), now(), interval '30 seconds') AS s(at)`,
    [samples - 1],
  );
  // what the compaction task would have written already: 5-minute and hourly averages
  for (const [resolution, seconds] of [
    ['5m', 300],
    ['1h', 3600],
  ] as const)
    await knex.raw(
      `INSERT INTO metric_samples (id, instance_id, resolution, at, data)
       SELECT instance_id || ':${resolution}:' || (extract(epoch FROM bucket) * 1000)::bigint, instance_id, '${resolution}', bucket,
         json_build_object('at', bucket, 'cpu', json_build_object('percent', round(avg((data::json->'cpu'->>'percent')::numeric), 1)))::text
       FROM (SELECT instance_id, data,
               to_timestamp(floor(extract(epoch FROM at) / ${seconds}) * ${seconds}) AS bucket
             FROM metric_samples WHERE resolution = 'raw') AS raw
       WHERE bucket < to_timestamp(floor(extract(epoch FROM now()) / ${seconds}) * ${seconds})
       GROUP BY instance_id, bucket`,
    );
  await knex.raw(
    `INSERT INTO lifecycle_operations (id, instance_id, instance_name, kind, driver, state, actor, log, started_at)
     SELECT gen_random_uuid()::text, i.id, i.name,
       (ARRAY['deploy','suspend','resume','redeploy'])[1 + n % 4], 'sindri-cli',
       (ARRAY['succeeded','succeeded','succeeded','failed'])[1 + n % 4],
       'user:default/bench', '', now() - (n * interval '17 minutes')
     FROM instances i, generate_series(0, 9) AS n`,
  );
  await knex.raw('ANALYZE');
  const [{ n }] = await knex('metric_samples')
    .where({ resolution: 'raw' })
    .count({ n: '*' });
  const seededMs = Date.now() - started;
  const t0 = Date.now();
  await new AvailabilityStore(knex).compute();
  const availabilityMs = Date.now() - t0;
  await knex.destroy();
  return { rows: Number(n), seededMs, availabilityMs };
}

async function timed(url: string, requests: number) {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { headers: { Authorization: USER_AUTH } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  if (!(await postgresAvailable()))
    throw new Error('bench:fleet needs PostgreSQL on 127.0.0.1:5432');
  const database = `sindri_fleet_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw(`CREATE DATABASE ${database}`);
  try {
    const seeded = await seed(database);
    console.log(
      `fleet bench: ${values.instances} instances, ${
        seeded.rows
      } metrics rows seeded in ${(seeded.seededMs / 1000).toFixed(
        1,
      )} s; availability computed in ${seeded.availabilityMs} ms`,
    );
    const server = await startServer('pg', { pgDatabase: database });
    try {
      // the agents keep reporting: a sample of each from now, so that "now" has something to rank
      const knex = knexFactory({
        client: 'pg',
        connection: `${url}/${database}`,
      });
      await knex.raw(
        `INSERT INTO metric_samples (id, instance_id, resolution, at, data)
         SELECT gen_random_uuid()::text, i.id, 'raw', now(),
           json_build_object('id', gen_random_uuid(), 'at', now(),
             'cpu', json_build_object('percent', round((random() * 100)::numeric, 1)),
             'memory', json_build_object('totalBytes', 8e9, 'usedBytes', round((random() * 8e9)::numeric)))::text
         FROM instances i`,
      );
      await knex.destroy();
      const requests = Number(values.requests);
      const summaryUrl = `${server.url}/api/sindri/fleet/summary`;
      const floorUrl = `${server.url}/api/sindri/instances/bench-1`;
      // warm both up (plans, pools), then alternate so that both meet the same conditions
      await timed(summaryUrl, 5);
      await timed(floorUrl, 5);
      const summary: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < requests; i++) {
        summary.push(...(await timed(summaryUrl, 1)));
        floor.push(...(await timed(floorUrl, 1)));
      }
      summary.sort((a, b) => a - b);
      floor.sort((a, b) => a - b);
      const body = await (
        await fetch(summaryUrl, { headers: { Authorization: USER_AUTH } })
      ).json();
      console.log(
        `  summary p50 ${percentile(summary, 50).toFixed(
          1,
        )} ms, p95 ${percentile(summary, 95).toFixed(
          1,
        )} ms; one instance (floor) p95 ${percentile(floor, 95).toFixed(
          1,
        )} ms; ${body.availability.items.length} instances in it, top CPU ${
          body.top.cpu[0]?.percent
        } %`,
      );
      console.log(
        `fleet: summary_p95_ms=${percentile(summary, 95).toFixed(1)} rows=${
          seeded.rows
        } floor_p95_ms=${percentile(floor, 95).toFixed(1)}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
