// yarn bench:create [--count 10] [--db sqlite|pg]
//
// Create -> entity visible, and the lifecycle, through the local driver: each
// instance is created with POST /deployments (a real sindri-agent is started
// and registers), then suspended, resumed and destroyed. Prints the time each
// step takes, from the request to its operation's end (and, for create and
// destroy, to the entity appearing in and leaving the catalog).
import { parseArgs } from 'node:util';
import { percentile, startServer, USER_AUTH } from './lib/harness';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10' },
    db: { type: 'string', default: 'sqlite' },
  },
});

type Step = 'create' | 'catalog' | 'suspend' | 'resume' | 'destroy' | 'gone';

async function main() {
  const server = await startServer(values.db as 'sqlite' | 'pg', {
    catalog: true,
    localDriver: true,
  });
  const times: Record<Step, number[]> = {
    create: [],
    catalog: [],
    suspend: [],
    resume: [],
    destroy: [],
    gone: [],
  };
  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${url}`, {
      method,
      headers: { Authorization: USER_AUTH, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok && res.status !== 404)
      throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return {
      status: res.status,
      body: res.status === 404 ? undefined : await res.json(),
    };
  };
  const until = async (check: () => Promise<boolean>, what: string) => {
    const t0 = performance.now();
    while (!(await check())) {
      if (performance.now() - t0 > 120_000)
        throw new Error(`timed out: ${what}`);
      await new Promise(r => setTimeout(r, 10));
    }
  };
  const operationEnds = async (id: string) => {
    let state = 'running';
    await until(
      async () =>
        (state = (await api('GET', `/sindri/operations/${id}`)).body.state) !==
        'running',
      `operation ${id}`,
    );
    if (state !== 'succeeded') throw new Error(`operation ${id} ${state}`);
  };
  const inCatalog = async (name: string) =>
    (await api('GET', `/catalog/entities/by-name/resource/default/${name}`))
      .status === 200;
  try {
    for (let i = 0; i < Number(values.count); i++) {
      const name = `bench-create-${i}`;
      let t0 = performance.now();
      const created = await api('POST', '/sindri/deployments', {
        name,
        owner: 'group:default/platform',
        config: {
          version: '3.0',
          name,
          deployment: { provider: 'docker' },
          extensions: { profile: 'minimal' },
        },
      });
      await operationEnds(created.body.operation.id);
      times.create.push(performance.now() - t0);
      await until(() => inCatalog(name), `${name} in the catalog`);
      times.catalog.push(performance.now() - t0);
      for (const action of ['suspend', 'resume'] as const) {
        t0 = performance.now();
        const started = await api(
          'POST',
          `/sindri/instances/${name}/lifecycle`,
          { action },
        );
        await operationEnds(started.body.operation.id);
        times[action].push(performance.now() - t0);
      }
      t0 = performance.now();
      const destroyed = await api(
        'POST',
        `/sindri/instances/${name}/lifecycle`,
        { action: 'destroy', confirm: name },
      );
      await operationEnds(destroyed.body.operation.id);
      times.destroy.push(performance.now() - t0);
      await until(
        async () => !(await inCatalog(name)),
        `${name} out of the catalog`,
      );
      times.gone.push(performance.now() - t0);
    }
  } finally {
    await server.stop();
  }
  for (const list of Object.values(times)) list.sort((a, b) => a - b);
  const p = (step: Step, q: number) => percentile(times[step], q).toFixed(0);
  process.stdout.write(
    `[${values.db}] ${times.create.length} instances through the local driver (each started agent registers over its WebSocket)\n`,
  );
  for (const step of Object.keys(times) as Step[]) {
    process.stdout.write(
      `  ${step.padEnd(8)} p50_ms=${p(step, 50)} p95_ms=${p(
        step,
        95,
      )} max_ms=${times[step][times[step].length - 1].toFixed(0)}\n`,
    );
  }
  process.stdout.write(
    `create: create_p50_ms=${p('create', 50)} in_catalog_p50_ms=${p(
      'catalog',
      50,
    )} suspend_p50_ms=${p('suspend', 50)} resume_p50_ms=${p(
      'resume',
      50,
    )} destroy_p50_ms=${p('destroy', 50)} out_of_catalog_p50_ms=${p(
      'gone',
      50,
    )}\n`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
