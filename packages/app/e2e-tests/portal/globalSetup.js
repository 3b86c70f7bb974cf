const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { appUrl, backendUrl, BACKEND_PORT, osvUrl } = require('./ports');

const repoRoot = path.resolve(__dirname, '../../../..');

async function waitFor(url, deadline, portal) {
  for (;;) {
    if (portal.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${portal.exitCode} before ${url} answered; see ${portal.logFile}`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(
        `${url} did not answer within the start-up time; see ${portal.logFile}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Starts the portal the way `yarn start` does, with its own ports and a fresh data dir. */
module.exports = async function globalSetup() {
  // as `yarn start` does: local instances run the bundled agent
  const bundled = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'agent/scripts/bundle.mjs')],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (bundled.status !== 0)
    throw new Error(`the agent bundle was not built: ${bundled.stderr}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-e2e-'));
  const logFile = path.join(dataDir, 'portal.log');
  // a config file the tests may rewrite: the role policy reloads sindri.permissions when it changes
  const rolesFile = path.join(dataDir, 'roles.yaml');
  fs.writeFileSync(rolesFile, '{}\n');
  process.env.SINDRI_E2E_ROLES_FILE = rolesFile;
  // the organisation's own extensions: the repository's example, and one that is refused
  const customDir = path.join(dataDir, 'custom-extensions');
  fs.cpSync(path.join(repoRoot, 'examples/custom-extensions'), customDir, {
    recursive: true,
  });
  fs.mkdirSync(path.join(customDir, 'half-made'));
  fs.writeFileSync(
    path.join(customDir, 'half-made', 'extension.yaml'),
    'metadata:\n  name: half-made\n  version: 1.0.0\n  description: has no install section\n  category: devops\n',
  );
  const log = fs.openSync(logFile, 'w');
  const portal = spawn(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'repo',
      'start',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      rolesFile,
    ],
    {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        BROWSER: 'none',
        APP_CONFIG_app_baseUrl: appUrl,
        APP_CONFIG_backend_baseUrl: backendUrl,
        APP_CONFIG_backend_listen_port: String(BACKEND_PORT),
        APP_CONFIG_backend_cors_origin: appUrl,
        APP_CONFIG_backend_database_connection_directory: path.join(
          dataDir,
          'sqlite',
        ),
        // alerts: channels can be added, rules are evaluated every 2 s
        SINDRI_ALERTS_SECRET_KEY: 'e2e-alerts-key-of-at-least-32-characters',
        APP_CONFIG_sindri_alerts_evaluationIntervalSeconds: '2',
        APP_CONFIG_sindri_registry_customExtensions: customDir,
        // advisories from the local OSV server the tests run, synced every 2 s
        APP_CONFIG_sindri_security_osv_url: osvUrl,
        APP_CONFIG_sindri_security_osv_syncInterval: JSON.stringify({
          seconds: 2,
        }),
        // own hardware costs nothing unless a rate is set: the cost tests set one
        APP_CONFIG_sindri_cost_rates: JSON.stringify([
          {
            provider: 'docker',
            item: 'vcpu',
            price: 0.05,
            unit: 'hour',
            source: 'e2e: a configured rate for own hardware',
          },
        ]),
        // instances the local driver creates live here, not in the repository's data/
        APP_CONFIG_sindri_deployments_workDir: path.join(
          dataDir,
          'deployments',
        ),
        // with the real Sindri CLI (CI installs it), the sindri-cli driver is there too
        ...(process.env.SINDRI_CLI
          ? { APP_CONFIG_sindri_cli_path: process.env.SINDRI_CLI }
          : {}),
      },
    },
  );
  portal.logFile = logFile;
  globalThis.__SINDRI_PORTAL__ = portal;

  const deadline = Date.now() + 240_000;
  await waitFor(
    `${backendUrl}/.backstage/health/v1/readiness`,
    deadline,
    portal,
  );
  await waitFor(appUrl, deadline, portal);
};
