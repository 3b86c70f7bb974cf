import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import knexFactory from 'knex';
import WebSocket from 'ws';

export const repoRoot = path.resolve(__dirname, '../..');
export const USER_AUTH = 'Bearer mock-user-token';

export interface BenchServer {
  url: string;
  process: ChildProcess;
  /** Resident set size of the backend process now and at its peak, in MB. */
  rssMb(): { now: number; peak: number };
  stop(): Promise<void>;
}

/**
 * With SINDRI_BENCH_CPU_PROF=DIR, the processes a bench starts write CPU
 * profiles there when they exit; SINDRI_BENCH_NODE_ARGS adds node options
 * that NODE_OPTIONS refuses (e.g. --trace-gc).
 */
export const benchNodeArgs = () => [
  ...(process.env.SINDRI_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SINDRI_BENCH_CPU_PROF}`]
    : []),
  ...(process.env.SINDRI_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
];

/** Starts bench/lib/server.ts in a child process and waits for its port. */
export async function startServer(
  db: 'sqlite' | 'pg',
  options: {
    catalog?: boolean;
    localDriver?: boolean;
    pgDatabase?: string;
  } = {},
): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      ...benchNodeArgs(),
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'server.ts'),
      '--db',
      db,
      ...(options.catalog ? ['--catalog'] : []),
      ...(options.localDriver ? ['--local-driver'] : []),
      ...(options.pgDatabase ? ['--pg-database', options.pgDatabase] : []),
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', line => {
      let parsed: { port?: unknown };
      try {
        parsed = JSON.parse(line);
      } catch {
        // not a log line: what node itself printed (e.g. --trace-gc)
        process.stderr.write(
          `bench server: ${new Date().toISOString()} ${line}\n`,
        );
        return;
      }
      if (typeof parsed?.port === 'number') resolve(parsed.port);
    });
    child.once('exit', code =>
      reject(new Error(`bench server exited with code ${code}`)),
    );
  });
  const status = (field: string) => {
    const text = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return (
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) / 1024
    );
  };
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    rssMb: () => ({ now: status('VmRSS'), peak: status('VmHWM') }),
    stop: async () => {
      await new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      // Backstage's own SIGTERM handler ends the server before its drop runs
      if (db === 'pg' && !options.pgDatabase)
        await dropBenchDatabase(`sindri_bench_${child.pid}`);
    },
  };
}

/** Drops a database a bench server made, once the server has gone. */
async function dropBenchDatabase(name: string) {
  const url =
    process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}

export async function postgresAvailable(): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({
      port: 5432,
      host: '127.0.0.1',
      timeout: 1000,
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

export async function enroll(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/sindri/enrollments`, {
    method: 'POST',
    headers: { Authorization: USER_AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, owner: 'group:default/bench' }),
  });
  if (res.status !== 201)
    throw new Error(
      `enrollment of ${name} failed: ${res.status} ${await res.text()}`,
    );
  return ((await res.json()) as { token: string }).token;
}

export function registration(name: string) {
  return {
    instanceId: `bench-${name}`,
    name,
    provider: 'local',
    hostname: `${name}.bench`,
    os: { platform: 'linux', release: '6.1', arch: 'x64' },
    agentVersion: '0.1.0',
    bootTime: new Date().toISOString(),
    heartbeatIntervalSeconds: 10,
    extensions: [{ name: 'nodejs' }],
  };
}

/**
 * The agent's command line as instances run it: the bundle (built now) with
 * the node options its install script's launcher passes; with `sources`, the
 * TypeScript sources instead.
 */
export function agentCommand(options: { sources?: boolean } = {}): string[] {
  if (options.sources) return [path.join(repoRoot, 'agent/bin/sindri-agent')];
  const built = spawnSync(process.execPath, [
    path.join(repoRoot, 'agent/scripts/bundle.mjs'),
  ]);
  if (built.status !== 0) throw new Error(String(built.stderr));
  const dir = path.join(repoRoot, 'agent/dist-bundle');
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'),
  );
  return [...(manifest.nodeOptions ?? []), path.join(dir, manifest.file)];
}

/** Runs `fn` over `items`, `size` at a time. */
export async function inBatches<T>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<void>,
) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(fn));
}

/** An agent's live socket, opened with its token and registered (the backend's first answer received). */
export async function connectAgent(
  url: string,
  token: string,
  name: string,
): Promise<WebSocket> {
  const ws = new WebSocket(
    `${url.replace('http', 'ws')}/api/sindri/agent/connect`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const registered = new Promise(resolve => ws.once('message', resolve));
  ws.send(
    JSON.stringify({ type: 'register', registration: registration(name) }),
  );
  await registered;
  return ws;
}

/**
 * A real agent (the bundle, as instances run it) enrolled as `name` and
 * connected to `url`; resolves once the backend lists its instance.
 */
export async function startAgent(
  url: string,
  name: string,
  options: { sources?: boolean; command?: string[] } = {},
): Promise<ChildProcess> {
  const token = await enroll(url, name);
  const stateDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'sindri-agent-bench-'),
  );
  const agent = spawn(
    process.execPath,
    [...benchNodeArgs(), ...(options.command ?? agentCommand(options))],
    {
      stdio: 'ignore',
      env: {
        ...process.env,
        SINDRI_CONSOLE_URL: url,
        SINDRI_AGENT_TOKEN: token,
        SINDRI_INSTANCE_NAME: name,
        SINDRI_AGENT_STATE_DIR: stateDir,
        SINDRI_WORKSPACE: os.homedir(),
      },
    },
  );
  for (let i = 0; ; i++) {
    const res = await fetch(`${url}/api/sindri/instances/${name}`, {
      headers: { Authorization: USER_AUTH },
    });
    if (res.ok) return agent;
    if (i > 300) {
      agent.kill('SIGTERM');
      throw new Error(`the agent ${name} did not register within 30 s`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
