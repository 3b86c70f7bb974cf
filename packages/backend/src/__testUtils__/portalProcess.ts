import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');
const backendDir = path.join(repoRoot, 'packages/backend');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * The embedded default as `yarn start` runs it (packages/backend), on its own
 * port and data directory: `lines` are added to an override config file.
 */
export function portalConfig(dir: string, port: number, lines: string[] = []) {
  const base = `http://127.0.0.1:${port}`;
  const configFile = path.join(dir, 'override.yaml');
  fs.writeFileSync(
    configFile,
    [
      'app: { baseUrl: "http://localhost:3999" }',
      `backend: { baseUrl: "${base}", listen: { host: 127.0.0.1, port: ${port} }, database: { connection: { directory: "${dir}/sqlite" } } }`,
      'search: { collators: { catalog: { schedule: { frequency: { minutes: 60 }, timeout: { minutes: 5 }, initialDelay: { minutes: 30 }, scope: local } }, techdocs: { schedule: { frequency: { minutes: 60 }, timeout: { minutes: 5 }, initialDelay: { minutes: 30 }, scope: local } } } }',
      ...lines,
    ].join('\n'),
  );
  return { base, configFile };
}

export function startPortal(configFile: string, logFile: string): ChildProcess {
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

export const exited = (child: ChildProcess) =>
  new Promise<void>(resolve =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );

/** Resolves once the portal's readiness probe answers; fails when it exits or takes two minutes. */
export async function portalReady(
  child: ChildProcess,
  base: string,
  logFile: string,
) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `the portal exited with ${child.exitCode}; see ${logFile}`,
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
}

/** A guest user's token (the embedded default's admin). */
export async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

/**
 * Enrolls an instance as the guest (an admin of the embedded default) and
 * registers it the way its agent would, over HTTP ingest; returns whether
 * both were accepted (a portal being killed may refuse either).
 */
export async function registerOverHttp(
  base: string,
  name: string,
  owner: string,
): Promise<boolean> {
  const enrolled = await fetch(`${base}/api/sindri/enrollments`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await guestToken(base)}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ name, owner }),
  });
  if (enrolled.status !== 201) return false;
  const { token } = await enrolled.json();
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
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ frames: [{ type: 'register', registration }] }),
  });
  return res.ok;
}
