import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentFrame } from '@internal/plugin-sindri-common';
import { parseCli } from './cli';
import { resolveConfig } from './config';
import { backoffDelayMs } from './connection/backoff';
import { maskSecrets, maskText } from './mask';
import { Outbox } from './outbox';

const hb = (): AgentFrame => ({
  type: 'heartbeat',
  heartbeat: {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    uptimeSeconds: 1,
  },
});

describe('resolveConfig', () => {
  const env = {
    SINDRI_CONSOLE_URL: 'http://localhost:7007',
    SINDRI_AGENT_TOKEN: 't',
    SINDRI_INSTANCE_NAME: 'demo-1',
    HOME: '/home/dev',
  };

  it('takes env settings, lets flags override them, and applies the defaults', () => {
    const config = resolveConfig(
      { name: 'demo-2', 'heartbeat-interval': '5' },
      env,
    );
    expect(config).toMatchObject({
      consoleUrl: 'http://localhost:7007',
      name: 'demo-2',
      provider: 'local',
      heartbeatSeconds: 5,
      metricsSeconds: 30,
      bufferSize: 2000,
      stateDir: '/home/dev/.sindri-agent',
      statusLedger: '/home/dev/.sindri/status_ledger.jsonl',
    });
  });

  it('has settings for terminals and commands', () => {
    expect(resolveConfig({}, { ...env, SHELL: '/bin/zsh' })).toMatchObject({
      workspace: '/home/dev',
      terminalIdleSeconds: 900,
      shell: expect.stringMatching(/^\//),
    });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-home-'));
    fs.mkdirSync(path.join(home, 'workspace'));
    expect(resolveConfig({}, { ...env, HOME: home }).workspace).toBe(
      path.join(home, 'workspace'),
    );
    fs.rmSync(home, { recursive: true, force: true });
    expect(
      resolveConfig(
        { 'terminal-idle-timeout': '60', shell: '/bin/sh' },
        {
          ...env,
          SINDRI_WORKSPACE: '/srv/work',
          SINDRI_AGENT_SHELL: '/bin/zsh',
        },
      ),
    ).toMatchObject({
      workspace: '/srv/work',
      shell: '/bin/sh',
      terminalIdleSeconds: 60,
    });
    expect(() => resolveConfig({ 'terminal-idle-timeout': '0' }, env)).toThrow(
      /^--terminal-idle-timeout \/ SINDRI_AGENT_TERMINAL_IDLE_SECONDS: /,
    );
  });

  it('names the flag and variable of a missing or bad setting', () => {
    expect(() =>
      resolveConfig({}, { ...env, SINDRI_AGENT_TOKEN: undefined }),
    ).toThrow(/^SINDRI_AGENT_TOKEN \/ --token-file: is required$/);
    expect(() => resolveConfig({ provider: 'mars' }, env)).toThrow(
      /^--provider \/ SINDRI_PROVIDER: /,
    );
    expect(() => resolveConfig({ 'console-url': 'ftp://x' }, env)).toThrow(
      /^--console-url \/ SINDRI_CONSOLE_URL: /,
    );
  });
});

describe('the agent token', () => {
  const env = {
    SINDRI_CONSOLE_URL: 'http://localhost:7007',
    SINDRI_INSTANCE_NAME: 'demo-1',
    HOME: '/home/dev',
  };
  const tokenFile = (mode: number) => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-token-')),
      'token',
    );
    fs.writeFileSync(file, 'sindri_from_file\n', { mode });
    fs.chmodSync(file, mode);
    return file;
  };

  it('comes from a file only its owner can read', () => {
    expect(resolveConfig({ 'token-file': tokenFile(0o600) }, env).token).toBe(
      'sindri_from_file',
    );
    expect(
      resolveConfig({}, { ...env, SINDRI_AGENT_TOKEN_FILE: tokenFile(0o400) })
        .token,
    ).toBe('sindri_from_file');
    expect(() =>
      resolveConfig({ 'token-file': tokenFile(0o644) }, env),
    ).toThrow(
      /^--token-file \/ SINDRI_AGENT_TOKEN_FILE: .* readable or writable by others \(mode 644\)/,
    );
    expect(() =>
      resolveConfig({ 'token-file': '/nonexistent/token' }, env),
    ).toThrow(/^--token-file \/ SINDRI_AGENT_TOKEN_FILE: cannot read/);
    expect(() =>
      resolveConfig(
        { 'token-file': tokenFile(0o600) },
        { ...env, SINDRI_AGENT_TOKEN: 't' },
      ),
    ).toThrow(/one way only/);
  });

  it('is never taken from the command line', () => {
    expect(() => parseCli(['--token', 'sindri_x'])).toThrow(
      /^--token: the token is not taken from the command line/,
    );
    expect(() => parseCli(['--token=sindri_x'])).toThrow(/^--token: /);
    expect(parseCli(['--token-file', '/run/secrets/token'])).toEqual({
      kind: 'run',
      flags: expect.objectContaining({ 'token-file': '/run/secrets/token' }),
    });
  });
});

describe('maskSecrets', () => {
  it('masks secret-looking keys and assignments at any depth, and nothing else', () => {
    expect(
      maskSecrets({
        message: 'deploy with GITHUB_TOKEN=ghp_abc and REGION=ams',
        data: {
          AWS_SECRET_ACCESS_KEY: 'x',
          DB_PASSWORD: 'y',
          api_key: 'z',
          user: 'alice',
          count: 3,
        },
        list: ['OPENAI_API_KEY="sk-1"'],
      }),
    ).toEqual({
      message: 'deploy with GITHUB_TOKEN=*** and REGION=ams',
      data: {
        AWS_SECRET_ACCESS_KEY: '***',
        DB_PASSWORD: '***',
        api_key: '***',
        user: 'alice',
        count: 3,
      },
      list: ['OPENAI_API_KEY=***'],
    });
    expect(maskText('MONKEY=banana')).toBe('MONKEY=banana');
  });
});

describe('Outbox', () => {
  it('drops the oldest sample when full and counts the drops', () => {
    const drops: number[] = [];
    const outbox = new Outbox(3, n => drops.push(n));
    const frames = [hb(), hb(), hb(), hb(), hb()];
    frames.forEach(f => outbox.push(f));

    expect(outbox.size).toBe(3);
    expect(drops).toEqual([1, 2]);
    expect(outbox.takeUnsent()).toEqual(frames.slice(2));
  });

  it('keeps what was sent until acked, and sends it again after a reset', () => {
    const outbox = new Outbox(10);
    const [a, b] = [hb(), hb()];
    outbox.push(a);
    outbox.push(b);
    expect(outbox.takeUnsent()).toEqual([a, b]);
    expect(outbox.takeUnsent()).toEqual([]);

    outbox.ack((a as any).heartbeat.id);
    outbox.resetSent();
    expect(outbox.takeUnsent()).toEqual([b]);
  });
});

describe('Outbox, as the portal refuses frames', () => {
  it('sends a frame refused for now again, not before its wait, and gives up an invalid one, counting it', () => {
    let now = 1000;
    const outbox = new Outbox(
      10,
      () => {},
      () => now,
    );
    const [a, b] = [hb(), hb()];
    outbox.push(a);
    outbox.push(b);
    expect(outbox.takeUnsent()).toEqual([a, b]);
    expect(outbox.retryLater((a as any).heartbeat.id, 500)).toBe(true);
    expect(outbox.giveUp((b as any).heartbeat.id)).toBe(true);
    expect(outbox.invalid).toBe(1);
    expect(outbox.takeUnsent()).toEqual([]);
    expect(outbox.nextDue()).toBe(1500);
    now = 1500;
    expect(outbox.takeUnsent()).toEqual([a]);
    expect(outbox.size).toBe(1);
  });

  it('takes batches that fit a byte budget, and leaves what cannot fit any batch out', () => {
    const outbox = new Outbox(10);
    const big: AgentFrame = {
      type: 'event',
      event: {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type: 'deploy',
        message: 'x'.repeat(1000),
      },
    };
    const frames = [hb(), hb(), big, hb()];
    frames.forEach(f => outbox.push(f));
    const size = (f: AgentFrame) => JSON.stringify(f).length;
    const budget = { maxBytes: size(frames[0]) * 2 + 2, size };
    expect(outbox.takeUnsent(Infinity, budget)).toEqual([frames[0], frames[1]]);
    // the big one would never fit: it is passed over, the rest goes on
    expect(outbox.takeUnsent(Infinity, budget)).toEqual([frames[3]]);
    expect(outbox.giveUpWhere(f => size(f) + 1 > budget.maxBytes)).toBe(1);
    expect(outbox.invalid).toBe(1);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap, with jitter below the ceiling', () => {
    expect(backoffDelayMs(0, 1000, 60_000, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, 1000, 60_000, () => 0.999)).toBe(7992);
    expect(backoffDelayMs(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(backoffDelayMs(5, 1000, 60_000, () => 0)).toBe(0);
  });
});
