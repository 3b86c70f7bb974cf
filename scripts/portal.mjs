#!/usr/bin/env node
// The two commands of the README: `npm start` and `npm test` on a machine that
// has only Node. Each installs the workspace with the Yarn release committed
// in .yarn/releases, then starts the portal or runs every test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');
const resultsDir = path.join(root, '.test-results');

function run(args, env = {}) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// node-gyp downloads Node's headers unless told where they are; machines
// without internet access have them under /usr/include/node.
function nativeBuildEnv() {
  if (process.env.npm_config_nodedir) return {};
  const header = '/usr/include/node/node_version.h';
  if (!fs.existsSync(header)) return {};
  const text = fs.readFileSync(header, 'utf8');
  const major = text.match(/#define NODE_MAJOR_VERSION (\d+)/)?.[1];
  return major === process.versions.node.split('.')[0]
    ? { npm_config_nodedir: '/usr' }
    : {};
}

async function install() {
  const code = await run([yarn, 'install'], nativeBuildEnv());
  if (code !== 0) {
    console.error('yarn install failed; see the messages above');
    process.exit(code);
  }
}

function answers(port, host = '127.0.0.1') {
  return new Promise(resolve => {
    const socket = net.connect({ port, host, timeout: 1000 });
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

function findChromium() {
  return [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].find(p => p && fs.existsSync(p));
}

function readCounts(file) {
  if (!fs.existsSync(file)) return undefined;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  // a suite that fails to load counts as one failure, not zero
  const brokenSuites = report.testResults.filter(
    r => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

async function test() {
  const env = { CI: 'true', BACKSTAGE_TEST_DISABLE_DOCKER: '1' };
  const pgVar = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
  if (!process.env[pgVar] && (await answers(5432))) {
    env[pgVar] = 'postgresql://postgres@127.0.0.1:5432';
  }
  console.log(
    env[pgVar] || process.env[pgVar]
      ? 'Store and migration tests run on SQLite and PostgreSQL.'
      : 'No PostgreSQL on 127.0.0.1:5432: store and migration tests run on SQLite only.',
  );

  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const unitFile = path.join(resultsDir, 'unit.json');
  const e2eFile = path.join(resultsDir, 'e2e.json');

  const unitCode = await run(
    [
      'node_modules/@backstage/cli/bin/backstage-cli',
      'repo',
      'test',
      '--json',
      `--outputFile=${unitFile}`,
    ],
    env,
  );

  let e2eCode = 0;
  const chromium = findChromium();
  if (chromium) {
    e2eCode = await run(
      [
        'node_modules/jest/bin/jest.js',
        '--config',
        'packages/app/e2e-tests/jest.config.js',
        '--json',
        `--outputFile=${e2eFile}`,
      ],
      { ...env, CHROMIUM_PATH: chromium },
    );
  } else {
    console.log(
      "No Chromium found (install Debian's chromium or set CHROMIUM_PATH): browser tests not run.",
    );
  }

  const counts = [
    readCounts(unitFile),
    chromium ? readCounts(e2eFile) : undefined,
  ].filter(Boolean);
  const passed = counts.reduce((n, c) => n + c.passed, 0);
  let failed = counts.reduce((n, c) => n + c.failed, 0);
  const skipped = counts.reduce((n, c) => n + c.skipped, 0);
  // a runner that crashed before writing its report is a failure too
  if (unitCode !== 0 && !fs.existsSync(unitFile)) failed += 1;
  if (chromium && e2eCode !== 0 && !fs.existsSync(e2eFile)) failed += 1;

  console.log(
    `${passed} passed, ${failed} failed${
      skipped ? `, ${skipped} skipped` : ''
    }`,
  );
  process.exit(unitCode !== 0 || e2eCode !== 0 || failed > 0 ? 1 : 0);
}

const command = process.argv[2];
if (command === 'start') {
  await install();
  // the agent instances install, and local instances run, from its bundle
  await run(['agent/scripts/bundle.mjs']);
  process.exit(
    await run([
      'node_modules/@backstage/cli/bin/backstage-cli',
      'repo',
      'start',
    ]),
  );
} else if (command === 'test') {
  await install();
  await test();
} else {
  console.error(
    `usage: node scripts/portal.mjs start|test (platform: ${os.platform()})`,
  );
  process.exit(2);
}
