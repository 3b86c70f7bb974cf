import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCli } from './cli';
import { resolveConfig } from './config';

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
    expect(() =>
      resolveConfig(
        { 'log-sources': '/var/log/app.log,journald:web; rm -rf /' },
        env,
      ),
    ).toThrow(
      /^--log-sources \/ SINDRI_AGENT_LOG_SOURCES: a journald source must name a systemd unit/,
    );
    expect(
      resolveConfig(
        {
          'log-sources': 'journald:web.service',
          'journal-dir': '/var/log/journal',
        },
        env,
      ),
    ).toMatchObject({
      logSources: ['journald:web.service'],
      journalDirectory: '/var/log/journal',
    });
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
