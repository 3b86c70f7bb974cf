// yarn bench:cost [--instances 1000] [--days 30] [--requests 50]
//
// The cost routes on PostgreSQL: seeds --instances registered instances, each
// deployed by the portal (a sindri.yaml of one of the priced providers) with
// --days of status history (a change every few hours: running, stopped,
// unresponsive), then asks GET /fleet/cost and GET /instances/bench-1/cost
// --requests times each. The floor, in the same run and alternated with
// them: GET /instances/bench-1, one instance and its newest sample.
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  percentile,
  postgresAvailable,
  startServer,
  USER_AUTH,
} from './lib/harness';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1000' },
    days: { type: 'string', default: '30' },
    requests: { type: 'string', default: '50' },
  },
});
const url =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

/** sindri.yaml of each priced kind, picked by instance number. */
const YAMLS = [
  'deployment:\n  provider: fly\n  resources:\n    cpus: 2\n    memory: 4GB\n  volumes:\n    workspace:\n      size: 10GB\nproviders:\n  fly:\n    region: ams\n    cpuKind: shared\n',
  'deployment:\n  provider: e2b\n  resources:\n    cpus: 2\n    memory: 4GB\n',
  'deployment:\n  provider: runpod\n  resources:\n    gpu:\n      enabled: true\n      tier: a100\n  volumes:\n    workspace:\n      size: 50GB\n',
  'deployment:\n  provider: northflank\n  resources:\n    cpus: 2\n    memory: 4GB\n',
  'deployment:\n  provider: devpod\nproviders:\n  devpod:\n    type: aws\n    aws:\n      instanceType: c5.xlarge\n',
];

async function seed(database: string) {
  const knex = knexFactory({ client: 'pg', connection: `${url}/${database}` });
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@internal/plugin-sindri-backend',
      'migrations',
    ),
    tableName: 'sindri_knex_migrations',
  });
  const instances = Number(values.instances);
  const days = Number(values.days);
  const started = Date.now();
  await knex.raw(
    `INSERT INTO instances (id, name, owner, provider, status, registered_at, heartbeat_interval_s, status_changed_at)
     SELECT gen_random_uuid()::text, 'bench-' || i, 'group:default/team-' || (i % 20),
       (ARRAY['fly','e2b','runpod','northflank','devpod'])[1 + i % 5],
       (ARRAY['running','running','stopped'])[1 + i % 3],
       now() - (? * interval '1 day'), 10, now()
     FROM generate_series(1, ?) AS i`,
    [days, instances],
  );
  await knex.raw(
    'INSERT INTO instance_liveness (instance_id, last_heartbeat_at) SELECT id, now() FROM instances',
  );
  await knex.raw(
    `INSERT INTO instance_deployments (instance_id, driver, state, sindri_yaml, provider, created_by, created_at, updated_at)
     SELECT id, 'sindri-cli', 'running',
       'version: "3.0"' || chr(10) || 'name: ' || name || chr(10) || (ARRAY[?, ?, ?, ?, ?])[1 + (substring(name from 7)::int) % 5],
       provider, 'user:default/bench', now(), now()
     FROM instances`,
    YAMLS,
  );
  // a status change every 3 to 9 hours for --days, so each instance runs and stops like a working day
  await knex.raw(
    `INSERT INTO instance_status_changes (instance_id, status, at)
     SELECT i.id, (ARRAY['running','stopped','running','unresponsive'])[1 + n % 4],
       now() - (? * interval '1 day') + (n * interval '6 hours') + ((n % 3) * interval '1 hour')
     FROM instances i, generate_series(0, ? * 4 - 1) AS n`,
    [days, days],
  );
  await knex.raw('ANALYZE');
  const [{ n }] = await knex('instance_status_changes').count({ n: '*' });
  await knex.destroy();
  return { rows: Number(n), seededMs: Date.now() - started };
}

async function once(target: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const res = await fetch(target, { headers: { Authorization: USER_AUTH } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${target}: ${res.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main() {
  if (!(await postgresAvailable()))
    throw new Error('bench:cost needs PostgreSQL on 127.0.0.1:5432');
  const database = `sindri_cost_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  await admin.raw(`CREATE DATABASE ${database}`);
  try {
    const seeded = await seed(database);
    console.log(
      `cost bench: ${values.instances} instances × ${values.days} days, ${
        seeded.rows
      } status changes seeded in ${(seeded.seededMs / 1000).toFixed(1)} s`,
    );
    const server = await startServer('pg', { pgDatabase: database });
    try {
      const fleetUrl = `${server.url}/api/sindri/fleet/cost`;
      const instanceUrl = `${server.url}/api/sindri/instances/bench-1/cost`;
      const floorUrl = `${server.url}/api/sindri/instances/bench-1`;
      for (const target of [fleetUrl, instanceUrl, floorUrl])
        for (let i = 0; i < 3; i++) await once(target);
      const fleet: number[] = [];
      const instance: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < Number(values.requests); i++) {
        fleet.push(await once(fleetUrl));
        instance.push(await once(instanceUrl));
        floor.push(await once(floorUrl));
      }
      for (const list of [fleet, instance, floor]) list.sort((a, b) => a - b);
      const body = await (
        await fetch(fleetUrl, { headers: { Authorization: USER_AUTH } })
      ).json();
      console.log(
        `  fleet: ${body.instances.length} instances, $${
          body.total
        } over 30 days; one instance's cost p95 ${percentile(
          instance,
          95,
        ).toFixed(1)} ms; one instance (floor) p95 ${percentile(
          floor,
          95,
        ).toFixed(1)} ms`,
      );
      console.log(
        `cost: fleet_p95_ms=${percentile(fleet, 95).toFixed(
          1,
        )} instance_p95_ms=${percentile(instance, 95).toFixed(
          1,
        )} floor_p95_ms=${percentile(floor, 95).toFixed(1)}`,
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
