import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DriverProgress,
  SindriDriverError,
} from '@internal/plugin-sindri-node';
import { SindriCliDriver } from './SindriCliDriver';
import { cliEnvironment, failureMessage, runSindriCli } from './runSindriCli';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-driver-'));

function findCli(): string | undefined {
  const candidates = [
    process.env.SINDRI_CLI,
    path.join(os.homedir(), '.cache/sindri-cli/sindri'),
  ];
  return candidates.find(
    c =>
      c && fs.existsSync(c) && spawnSync(c, ['version', '--json']).status === 0,
  );
}

const flyConfig = {
  version: '3.0',
  name: 'ml-lab',
  deployment: { provider: 'fly', image: 'ghcr.io/sindri-labs/sindri:latest' },
  extensions: { profile: 'minimal' },
  providers: { fly: { region: 'ams' } },
};

const cli = findCli();
(cli ? describe : describe.skip)(
  'SindriCliDriver with the real Sindri CLI',
  () => {
    it("plans (a dry run) and reports the CLI's prerequisite error, streaming its lines", async () => {
      const workDir = tmp();
      const progress: DriverProgress[] = [];
      const error = await new SindriCliDriver(cli!)
        .plan(flyConfig, {
          workDir,
          timeoutMs: 60_000,
          onProgress: p => progress.push(p),
        })
        .catch(e => e);

      expect(error).toBeInstanceOf(SindriDriverError);
      expect(error.message).toBe(
        'sindri deploy: Prerequisites not satisfied: missing flyctl: Fly.io CLI',
      );
      expect(error.details).toEqual({ reason: 'failed', exitCode: 1 });
      expect(progress).toContainEqual({
        stream: 'stdout',
        line: 'Deploying sindri to fly',
      });
      expect(
        fs.readFileSync(path.join(workDir, 'sindri.yaml'), 'utf8'),
      ).toContain('provider: fly');
    });

    it("passes the CLI's own error for a config it cannot use", async () => {
      const config = { ...flyConfig, deployment: { provider: 'docker' } };
      const error = await new SindriCliDriver(cli!)
        .plan(config, { workDir: tmp(), timeoutMs: 60_000 })
        .catch(e => e);
      expect(error.message).toMatch(
        /^sindri deploy: Failed to resolve image: .*No image configured/,
      );
    });

    it('stops, starts and destroys through the CLI with its messages', async () => {
      const driver = new SindriCliDriver(cli!);
      for (const op of ['stop', 'start', 'destroy'] as const) {
        const error = await driver[op](flyConfig, {
          workDir: tmp(),
          timeoutMs: 60_000,
        }).catch(e => e);
        expect(error.message).toBe(
          `sindri ${op}: Prerequisites not satisfied: missing flyctl: Fly.io CLI`,
        );
      }
    });
  },
);

describe('runSindriCli', () => {
  /** A stand-in for a CLI call that takes long (the real one fails fast offline); it records its child's pid. */
  function slowCli(dir: string) {
    const file = path.join(dir, 'slow-sindri');
    fs.writeFileSync(
      file,
      `#!/bin/sh\necho "Deploying"\nsleep 30 &\necho $! > "${dir}/child.pid"\nwait\n`,
      { mode: 0o755 },
    );
    return file;
  }
  /** Running, not a zombie waiting for a parent to reap it. */
  const alive = (pid: number) => {
    try {
      return (
        fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z'
      );
    } catch {
      return false;
    }
  };

  it('stops a call that exceeds its timeout, with its children', async () => {
    const dir = tmp();
    const started = Date.now();
    const error = await runSindriCli(slowCli(dir), ['deploy'], {
      workDir: dir,
      timeoutMs: 300,
    }).catch(e => e);
    expect(error.details.reason).toBe('timeout');
    expect(error.message).toBe(
      'sindri deploy took longer than 300 ms and was stopped',
    );
    // SIGTERM reached the whole group at once: no wait for the SIGKILL that follows 3 s later
    expect(Date.now() - started).toBeLessThan(2000);
    const child = Number(fs.readFileSync(path.join(dir, 'child.pid'), 'utf8'));
    for (let i = 0; i < 50 && alive(child); i++)
      await new Promise(r => setTimeout(r, 20));
    expect(alive(child)).toBe(false);
  });

  it('cancels a call when its signal aborts', async () => {
    const dir = tmp();
    const controller = new AbortController();
    const lines: string[] = [];
    const pending = runSindriCli(slowCli(dir), ['deploy'], {
      workDir: dir,
      signal: controller.signal,
      onProgress: p => lines.push(p.line),
    });
    while (!lines.includes('Deploying'))
      await new Promise(r => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({
      message: 'sindri deploy was cancelled',
      details: { reason: 'cancelled' },
    });
  });

  it('says where it looked when the CLI is missing', async () => {
    await expect(
      runSindriCli('/nowhere/sindri', ['status'], { workDir: tmp() }),
    ).rejects.toMatchObject({
      message:
        'the Sindri CLI was not found at /nowhere/sindri (sindri.cli.path)',
      details: { reason: 'not-found' },
    });
  });

  it('passes arguments as they are, with no shell in between', async () => {
    const dir = tmp();
    const echo = path.join(dir, 'echo-args');
    fs.writeFileSync(echo, '#!/bin/sh\nfor a in "$@"; do echo "[$a]"; done\n', {
      mode: 0o755,
    });
    const out = await runSindriCli(
      echo,
      ['deploy', '-c', '$(touch pwned); rm -rf ~'],
      { workDir: dir },
    );
    expect(out).toBe('[deploy]\n[-c]\n[$(touch pwned); rm -rf ~]\n');
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
  });
});

describe('cliEnvironment', () => {
  it("passes the basics and what the run names, never the backend's secrets", () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/root',
      BACKEND_SECRET: 's3cret',
      POSTGRES_URL: 'postgresql://u:p@db',
    };
    expect(cliEnvironment(env, { env: { FLY_API_TOKEN: 'fly' } })).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      FLY_API_TOKEN: 'fly',
    });
  });
});

describe('failureMessage', () => {
  it("takes the CLI's Error line and the prerequisites it lists as missing", () => {
    const lines = [
      'Deploying sindri to fly',
      '  flyctl: Fly.io CLI',
      'ℹ   Install: Install: curl ...',
      '✗ Missing prerequisites:',
      'Error: Prerequisites not satisfied',
    ];
    expect(failureMessage(lines, 1)).toBe(
      'Prerequisites not satisfied: missing flyctl: Fly.io CLI',
    );
    expect(failureMessage(['nothing useful'], 3)).toBe('exited with code 3');
  });
});
