// yarn bench:rss [--rounds 2] [--idle 30] [--modules]
//
// The backend's memory at idle on the embedded default (SQLite), as
// packages/backend runs it with app-config.yaml: the whole portal, and the
// same backend without the Sindri plugins and modules (the floor: a bare
// Backstage backend with the same upstream plugins), started in turn in the
// same run, each in a fresh data directory. Each is read once it is ready and
// has been idle --idle seconds and made a full garbage collection (so that the
// reading follows what is live, not when V8 last collected): the median VmRSS
// over 10 s. Prints
// `backend_rss: bare_mb= portal_mb= sindri_adds_mb=` (medians over rounds).
// --modules: also lists on stderr the packages only the portal loads, by the
// size of their loaded files (where to look for what ours adds).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchNodeArgs, repoRoot } from './lib/harness';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    idle: { type: 'string', default: '30' },
    modules: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
const IDLE_MS = Number(values.idle) * 1000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise(r => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

function rssMb(pid: number): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(text)?.[1] ?? 0) / 1024;
}

const moduleLists = { bare: '', portal: '' };
const memoryUsages: Record<'bare' | 'portal', Record<string, number>> = {
  bare: {},
  portal: {},
};

async function idleRss(withoutSindri: boolean): Promise<number> {
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-rss-'));
  const backendDir = path.join(repoRoot, 'packages/backend');
  const child = spawn(
    process.execPath,
    [
      ...benchNodeArgs(),
      '--expose-gc',
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'lib/rssBackend.ts'),
      ...(withoutSindri ? ['--without-sindri'] : []),
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
    ],
    {
      cwd: backendDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_baseUrl: `http://127.0.0.1:${port}`,
        APP_CONFIG_backend_database_connection_directory: path.join(
          data,
          'sqlite',
        ),
        APP_CONFIG_sindri_deployments_workDir: path.join(data, 'deployments'),
        ...(values.modules && {
          SINDRI_BENCH_RSS_MODULES: path.join(data, 'modules.txt'),
        }),
      },
    },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`backend exited (${child.exitCode}): ${stderr}`);
      if (Date.now() > deadline)
        throw new Error(`backend not ready within 180 s: ${stderr}`);
      const ready = await fetch(
        `http://127.0.0.1:${port}/.backstage/health/v1/readiness`,
      ).then(
        r => r.ok,
        () => false,
      );
      if (ready) break;
      await sleep(500);
    }
    await sleep(IDLE_MS);
    child.kill('SIGUSR2');
    await sleep(2000);
    const readings: number[] = [];
    for (let i = 0; i < 10; i++) {
      readings.push(rssMb(child.pid!));
      await sleep(1000);
    }
    if (values.modules) {
      const which = withoutSindri ? 'bare' : 'portal';
      moduleLists[which] = fs.readFileSync(
        path.join(data, 'modules.txt'),
        'utf8',
      );
      memoryUsages[which] = JSON.parse(
        fs.readFileSync(path.join(data, 'modules.txt.memory.json'), 'utf8'),
      );
    }
    return median(readings);
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    child.kill('SIGKILL');
    fs.rmSync(data, { recursive: true, force: true });
  }
}

/** The package a loaded file belongs to: its node_modules name, or its workspace folder. */
function packageOf(file: string): string {
  const inModules = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1];
  return path.relative(repoRoot, file).split(path.sep).slice(0, 2).join('/');
}

function printPortalOnlyPackages() {
  const bareFiles = new Set(moduleLists.bare.split('\n'));
  const bytes = new Map<string, number>();
  for (const file of moduleLists.portal.split('\n')) {
    if (!file || bareFiles.has(file) || !fs.existsSync(file)) continue;
    const name = packageOf(file);
    bytes.set(name, (bytes.get(name) ?? 0) + fs.statSync(file).size);
  }
  const top = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 20);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  process.stderr.write(
    `memory after a full collection, bare → portal: ${Object.keys(
      memoryUsages.portal,
    )
      .map(
        key =>
          `${key} ${mb(memoryUsages.bare[key])} → ${mb(
            memoryUsages.portal[key],
          )}`,
      )
      .join(', ')}\n`,
  );
  process.stderr.write('loaded only by the portal (source kB):\n');
  for (const [name, size] of top)
    process.stderr.write(
      `  ${(size / 1024).toFixed(0).padStart(6)}  ${name}\n`,
    );
}

async function main() {
  const bare: number[] = [];
  const portal: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // alternated, so that a drift of the machine falls on both
    bare.push(await idleRss(true));
    portal.push(await idleRss(false));
    process.stderr.write(
      `rss round ${round + 1}: bare ${bare[round].toFixed(
        0,
      )} MB, portal ${portal[round].toFixed(0)} MB\n`,
    );
  }
  if (values.modules) printPortalOnlyPackages();
  const b = median(bare);
  const p = median(portal);
  process.stdout.write(
    `backend_rss: bare_mb=${b.toFixed(0)} portal_mb=${p.toFixed(
      0,
    )} sindri_adds_mb=${(p - b).toFixed(0)}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
