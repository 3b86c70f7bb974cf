import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pollUntil } from '@internal/plugin-sindri-common';
import {
  exited,
  freePort,
  guestToken,
  portalConfig,
  portalReady,
  repoRoot,
  startPortal,
} from '../__testUtils__/portalProcess';

jest.setTimeout(600_000);

const installScript = path.join(
  repoRoot,
  'agent/extension/console-agent/install.sh',
);

/** Runs the console-agent extension's install script as Sindri would, in an empty HOME. */
function runExtensionInstall(home: string, env: Record<string, string>) {
  fs.mkdirSync(home, { recursive: true });
  return spawnSync('bash', [installScript], {
    cwd: home,
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      PATH: process.env.PATH!,
      HOME: home,
      // node-gyp builds node-pty against the local Node headers, as on a machine without internet
      npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
      npm_config_cache: path.join(home, '.npm'),
      ...env,
    },
  });
}

describe('the console-agent extension against a running portal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-agent-install-'));
  const logFile = path.join(dir, 'portal.log');
  const bundleDir = path.join(dir, 'bundle');
  let portal: ChildProcess | undefined;
  let agent: ChildProcess | undefined;

  afterAll(async () => {
    for (const child of [agent, portal])
      if (child && child.exitCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
  });

  it('installs the bundled agent from the portal in an empty HOME; the agent registers and its entity appears', async () => {
    const bundled = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'agent/scripts/bundle.mjs'), bundleDir],
      { encoding: 'utf8' },
    );
    expect(bundled.status).toBe(0);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8'),
    );

    const port = await freePort();
    const { base, configFile } = portalConfig(dir, port, [
      `sindri: { deployments: { workDir: "${dir}/deployments" }, agents: { bundleDir: "${bundleDir}" } }`,
    ]);
    portal = startPortal(configFile, logFile);
    await portalReady(portal, base, logFile);
    const auth = { Authorization: `Bearer ${await guestToken(base)}` };
    const enrolled = await fetch(`${base}/api/sindri/enrollments`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'installed-1',
        owner: 'group:default/guests',
      }),
    });
    expect(enrolled.status).toBe(201);
    const { token } = await enrolled.json();
    const instanceEnv = {
      SINDRI_CONSOLE_URL: base,
      SINDRI_AGENT_TOKEN: token,
      SINDRI_INSTANCE_NAME: 'installed-1',
    };

    // the install routes are the instance's: no token, no script
    expect((await fetch(`${base}/api/sindri/agent/install.sh`)).status).toBe(
      401,
    );

    const home = path.join(dir, 'home');
    const installed = runExtensionInstall(home, instanceEnv);
    expect({ status: installed.status, stderr: installed.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
    expect(installed.stdout.trim().split('\n').pop()).toBe(manifest.version);
    expect(
      fs.existsSync(path.join(home, '.sindri-agent/node_modules/node-pty')),
    ).toBe(true);
    // the token never reached a file the install wrote, nor its output
    const launcher = path.join(home, '.local/bin/sindri-agent');
    expect(fs.readFileSync(launcher, 'utf8')).not.toContain(token);
    expect(installed.stdout + installed.stderr).not.toContain(token);

    // the service Sindri starts: the launcher, with the portal's settings in its environment
    agent = spawn(launcher, [], {
      cwd: home,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH!,
        HOME: home,
        SINDRI_PROVIDER: 'docker',
        SINDRI_WORKSPACE: path.join(home, 'workspace'),
        ...instanceEnv,
      },
    });
    const instance = await pollUntil(
      async () => {
        // a keep-alive connection the portal closed as it was reused is no answer: ask again
        const res = await fetch(`${base}/api/sindri/instances/installed-1`, {
          headers: auth,
        }).catch(() => undefined);
        const body = res?.ok ? await res.json() : undefined;
        return body?.status === 'running' ? body : undefined;
      },
      'the installed agent to register',
      60_000,
    );
    expect(instance.registration.agentVersion).toBe(manifest.version);
    // the launcher execs node with the bundle's tuning (a young generation sized for the agent's small heap)
    expect(manifest.nodeOptions).toContain('--max-semi-space-size=2');
    expect(
      fs.readFileSync(`/proc/${agent.pid}/cmdline`, 'utf8').split('\0'),
    ).toEqual(expect.arrayContaining(manifest.nodeOptions));
    await pollUntil(
      async () =>
        (
          await fetch(
            `${base}/api/catalog/entities/by-name/resource/default/installed-1`,
            { headers: auth },
          ).catch(() => undefined)
        )?.ok,
      'the instance entity in the catalog',
      30_000,
    );
  });

  it('installs nothing from a bundle whose sha256 does not match', async () => {
    const file = path.join(bundleDir, 'sindri-agent.cjs');
    fs.appendFileSync(file, '\n// tampered\n');
    const base = `http://127.0.0.1:${
      new URL(
        fs
          .readFileSync(path.join(dir, 'override.yaml'), 'utf8')
          .match(/baseUrl: "(http:\/\/127\.0\.0\.1:\d+)"/)![1],
      ).port
    }`;
    const enrolled = await fetch(`${base}/api/sindri/enrollments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await guestToken(base)}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        name: 'installed-2',
        owner: 'group:default/guests',
      }),
    });
    const { token } = await enrolled.json();
    const home = path.join(dir, 'home-2');
    const installed = runExtensionInstall(home, {
      SINDRI_CONSOLE_URL: base,
      SINDRI_AGENT_TOKEN: token,
      SINDRI_INSTANCE_NAME: 'installed-2',
    });
    expect(installed.status).not.toBe(0);
    expect(installed.stderr).toMatch(
      /sha256 is [0-9a-f]{64}, not [0-9a-f]{64}; nothing installed/,
    );
    expect(
      fs.existsSync(path.join(home, '.sindri-agent/sindri-agent.cjs')),
    ).toBe(false);
    expect(fs.existsSync(path.join(home, '.local/bin/sindri-agent'))).toBe(
      false,
    );
  });
});
