import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(600_000);

const repoRoot = path.resolve(__dirname, '../../../..');
const backendDir = path.join(repoRoot, 'packages/backend');
const EXTENSIONS = fs.readdirSync(
  path.join(repoRoot, 'registry/sindri-v3/extensions'),
).length;

/** A small seeded generator, so a failing run can be repeated (SINDRI_RESTART_SEED). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** The embedded default, on its own port and data directory. */
function startPortal(configFile: string, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  return spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
}

const exited = (child: ChildProcess) =>
  new Promise<void>(resolve =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );

describe('the catalog after restarts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-restarts-'));
  const logFile = path.join(dir, 'portal.log');
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  it('holds every extension and every registered instance within 10 s of the last start, after stops and kills at random points', async () => {
    const seed = Number(process.env.SINDRI_RESTART_SEED ?? 20261201);
    const next = random(seed);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const configFile = path.join(dir, 'override.yaml');
    fs.writeFileSync(
      configFile,
      [
        'app: { baseUrl: "http://localhost:3999" }',
        `backend: { baseUrl: "${base}", listen: { host: 127.0.0.1, port: ${port} }, database: { connection: { directory: "${dir}/sqlite" } } }`,
        `sindri: { deployments: { workDir: "${dir}/deployments" } }`,
        'search: { collators: { catalog: { schedule: { frequency: { minutes: 60 }, timeout: { minutes: 5 }, initialDelay: { minutes: 30 }, scope: local } }, techdocs: { schedule: { frequency: { minutes: 60 }, timeout: { minutes: 5 }, initialDelay: { minutes: 30 }, scope: local } } } }',
      ].join('\n'),
    );

    const ready = async () => {
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child!.exitCode !== null)
          throw new Error(
            `the portal exited with ${child!.exitCode}; see ${logFile}`,
          );
        const ok = await fetch(`${base}/.backstage/health/v1/readiness`).then(
          r => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline)
          throw new Error(`the portal did not get ready; see ${logFile}`);
        await new Promise(r => setTimeout(r, 200));
      }
    };
    const token = async () =>
      (
        await (
          await fetch(`${base}/api/auth/guest/refresh`, {
            headers: { 'X-Requested-With': 'XMLHttpRequest' },
          })
        ).json()
      ).backstageIdentity.token as string;
    const registered: string[] = [];
    /** Enrolls an instance and registers it the way its agent would, over HTTP ingest. */
    const register = async (name: string) => {
      const auth = {
        Authorization: `Bearer ${await token()}`,
        'Content-Type': 'application/json',
      };
      const enrolled = await fetch(`${base}/api/sindri/enrollments`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name, owner: 'group:default/guests' }),
      });
      if (enrolled.status !== 201) return;
      const { token: agentToken } = await enrolled.json();
      const registration = {
        instanceId: `i-${name}`,
        name,
        provider: 'docker',
        hostname: name,
        os: { platform: 'linux', release: '6', arch: 'x64' },
        agentVersion: '0.1.0',
        bootTime: new Date().toISOString(),
        heartbeatIntervalSeconds: 10,
        extensions: [{ name: 'nodejs' }],
      };
      const res = await fetch(`${base}/api/sindri/ingest`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${agentToken}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ frames: [{ type: 'register', registration }] }),
      });
      if (res.ok) registered.push(name);
    };

    // stops and starts while the catalog ingests: SIGTERM and SIGKILL, at random points after the start
    const cycles = Number(process.env.SINDRI_RESTART_CYCLES ?? 6);
    for (let cycle = 0; cycle < cycles; cycle++) {
      child = startPortal(configFile, logFile);
      await ready();
      await register(`box-${cycle}`).catch(() => undefined);
      await new Promise(r => setTimeout(r, 200 + next() * 2500));
      const signal = cycle % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
      child.kill(signal);
      await exited(child);
    }

    child = startPortal(configFile, logFile);
    await ready();
    const startedAt = Date.now();
    const auth = { Authorization: `Bearer ${await token()}` };
    const count = async (filter: string) =>
      (
        (await (
          await fetch(
            `${base}/api/catalog/entities?filter=${filter}&fields=metadata.name`,
            { headers: auth },
          )
        ).json()) as Array<{ metadata: { name: string } }>
      ).map(e => e.metadata.name);
    const complete = (extensions: string[], instances: string[]) =>
      extensions.length === EXTENSIONS &&
      registered.every(n => instances.includes(n));
    let extensions: string[] = [];
    let instances: string[] = [];
    while (Date.now() - startedAt < 10_000) {
      [extensions, instances] = await Promise.all([
        count('spec.type=sindri-extension'),
        count('spec.type=sindri-instance'),
      ]);
      if (complete(extensions, instances)) break;
      await new Promise(r => setTimeout(r, 250));
    }
    const all = fs.readdirSync(
      path.join(repoRoot, 'registry/sindri-v3/extensions'),
    );
    expect({
      seed,
      missingExtensions: all.filter(n => !extensions.includes(n)),
      missingInstances: registered.filter(n => !instances.includes(n)),
    }).toEqual({
      seed,
      missingExtensions: [],
      missingInstances: [],
    });
    expect(registered.length).toBeGreaterThanOrEqual(cycles - 1);
  });
});
