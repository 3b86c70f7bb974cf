import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { AgentFrame, pollUntil } from '@internal/plugin-sindri-common';
import { BackendStandIn } from './__testUtils__/liveHarness';
import { Agent } from './Agent';
import { resolveConfig } from './config';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** An agent whose portal never answers (nothing listens on port 9): its frames stay in the outbox. */
function unconnectedAgent(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-agent-test-'));
  const agent = new Agent(
    resolveConfig(
      {
        'console-url': 'http://127.0.0.1:9',
        name,
        'state-dir': dir,
        'metrics-interval': '3600',
        'heartbeat-interval': '3600',
      },
      { SINDRI_AGENT_TOKEN: 't' },
    ),
    silent,
  );
  return { dir, agent };
}

describe('Agent', () => {
  it('reports extensions installed or removed and a changed sindri.yaml as events', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-agent-test-'));
    const ledger = path.join(dir, 'status_ledger.jsonl');
    const sindriYaml = path.join(dir, 'sindri.yaml');
    const line = (name: string, state: string, version?: string) =>
      `${JSON.stringify({
        event_id: 'x',
        timestamp: 't',
        extension_name: name,
        cli_version: '3.1.3',
        state_after: state,
        event: { type: 'install_completed', ...(version ? { version } : {}) },
      })}\n`;
    fs.writeFileSync(ledger, line('nodejs', 'installed', '1.0.0'));
    fs.writeFileSync(sindriYaml, 'name: one\n');

    // nothing listens on port 9: the frames stay in the outbox, where the test reads them
    const agent = new Agent(
      resolveConfig(
        {
          'console-url': 'http://127.0.0.1:9',
          name: 'demo-1',
          'state-dir': dir,
          'status-ledger': ledger,
          'sindri-yaml': sindriYaml,
          'metrics-interval': '3600',
          'heartbeat-interval': '3600',
        },
        { SINDRI_AGENT_TOKEN: 't' },
      ),
      silent,
    );
    await agent.start();
    // the first metrics sample at start takes the baseline
    while (!(agent as any).reported) await new Promise(r => setTimeout(r, 20));

    fs.appendFileSync(
      ledger,
      line('python', 'installed') + line('nodejs', 'removing'),
    );
    fs.writeFileSync(sindriYaml, 'name: two\n');
    await (agent as any).sampleMetrics();
    agent.stop();

    const events = agent.outbox
      .takeUnsent()
      .filter(
        (f): f is Extract<AgentFrame, { type: 'event' }> => f.type === 'event',
      )
      .map(f => [f.event.type, f.event.data?.extension ?? null]);
    expect(events).toEqual([
      ['started', null],
      ['extension-installed', 'python'],
      ['extension-removed', 'nodejs'],
      ['config-changed', null],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('reports a clean stop as the event stopped, after what it reported before', async () => {
    const { dir, agent } = unconnectedAgent('demo-2');
    await agent.start();
    // nothing listens: the outbox keeps the frames for the next connection
    await agent.flushAndStop(100);
    const events = agent.outbox
      .takeUnsent()
      .filter(
        (f): f is Extract<AgentFrame, { type: 'event' }> => f.type === 'event',
      )
      .map(f => f.event.type);
    expect(events).toEqual(['started', 'stopped']);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('sends a sample being read when a clean stop comes before `stopped`, and counts none made after', async () => {
    const { dir, agent } = unconnectedAgent('demo-3');
    await agent.start();
    // the first metrics sample is still being read: the stop comes at once
    await agent.flushAndStop(5000);
    agent.event('deploy', 'after the stop');
    const frames = agent.outbox
      .takeUnsent()
      .map(f => (f.type === 'event' ? `event:${f.event.type}` : f.type));
    expect(frames.filter(f => f === 'metrics')).toHaveLength(1);
    expect(frames[frames.length - 1]).toBe('event:stopped');
    expect(agent.produced.metrics).toBe(1);
    expect(agent.produced.event).toBe(
      frames.filter(f => f.startsWith('event:')).length,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('serves terminals and commands over its connection, and ends them when it stops', async () => {
    const standIn = await BackendStandIn.start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-agent-test-'));
    const token = 'sindri_agent_wiring_token_42';
    const saved = {
      token: process.env.SINDRI_AGENT_TOKEN,
      home: process.env.HOME,
    };
    process.env.SINDRI_AGENT_TOKEN = token;
    // the login shell reads no dotfiles of the user running the tests
    process.env.HOME = dir;
    const agent = new Agent(
      resolveConfig(
        {
          'console-url': standIn.url,
          name: 'demo-1',
          'state-dir': dir,
          workspace: dir,
          'status-ledger': path.join(dir, 'none.jsonl'),
          'metrics-interval': '3600',
          'heartbeat-interval': '3600',
        },
        process.env,
      ),
      silent,
    );
    try {
      await agent.start();
      await pollUntil(() => standIn.socket, 'the agent to connect');

      standIn.send({
        type: 'pty-open',
        session: 'agent-wiring-1',
        cols: 80,
        rows: 24,
        user: 'user:default/ops',
      });
      standIn.input(
        'agent-wiring-1',
        'echo $((6*7)) ${SINDRI_AGENT_TOKEN:-no-token}\r',
      );
      await pollUntil(
        () => /[\r\n]42 no-token\r\n/.test(standIn.output('agent-wiring-1')),
        '42 from the shell',
      );

      const run = crypto.randomUUID();
      standIn.send({
        type: 'cmd-run',
        run,
        command: {
          argv: ['sh', '-c', 'echo "${SINDRI_AGENT_TOKEN:-no-token} $(pwd)"'],
        },
        timeoutSeconds: 10,
      });
      expect(
        await pollUntil(
          () => standIn.frames('cmd-exit', f => f.run === run)[0],
          'cmd-exit',
        ),
      ).toMatchObject({ exitCode: 0, ended: 'exited' });
      expect(standIn.commandOutput(run)).toBe(`no-token ${dir}\n`);

      // stopping kills the shell; its end is still reported
      await agent.flushAndStop(5000);
      expect(agent.live.stats().sessions).toBe(0);
      const exit = await pollUntil(
        () => standIn.frames('pty-exit')[0],
        'pty-exit',
      );
      expect(exit).toMatchObject({
        session: 'agent-wiring-1',
        reason: 'closed',
        message: 'the agent stopped',
      });
      standIn.assertValid();
    } finally {
      agent.stop();
      for (const [name, value] of [
        ['SINDRI_AGENT_TOKEN', saved.token],
        ['HOME', saved.home],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await standIn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
