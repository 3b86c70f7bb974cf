import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentFrame } from '@internal/plugin-sindri-common';
import { Agent } from './Agent';
import { resolveConfig } from './config';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('Agent', () => {
  it('reports extensions installed or removed and a changed sindri.yaml as events', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-agent-test-'));
    const ledger = path.join(dir, 'status_ledger.jsonl');
    const sindriYaml = path.join(dir, 'sindri.yaml');
    const line = (name: string, state: string, version?: string) =>
      `${JSON.stringify({ event_id: 'x', timestamp: 't', extension_name: name, cli_version: '3.1.3', state_after: state, event: { type: 'install_completed', ...(version ? { version } : {}) } })}\n`;
    fs.writeFileSync(ledger, line('nodejs', 'installed', '1.0.0'));
    fs.writeFileSync(sindriYaml, 'name: one\n');

    // nothing listens on port 9: the frames stay in the outbox, where the test reads them
    const agent = new Agent(
      resolveConfig(
        { 'console-url': 'http://127.0.0.1:9', token: 't', name: 'demo-1', 'state-dir': dir, 'status-ledger': ledger, 'sindri-yaml': sindriYaml, 'metrics-interval': '3600', 'heartbeat-interval': '3600' },
        {},
      ),
      silent,
    );
    await agent.start();
    // the first metrics sample at start takes the baseline
    while (!(agent as any).reported) await new Promise(r => setTimeout(r, 20));

    fs.appendFileSync(ledger, line('python', 'installed') + line('nodejs', 'removing'));
    fs.writeFileSync(sindriYaml, 'name: two\n');
    await (agent as any).sampleMetrics();
    agent.stop();

    const events = agent.outbox
      .takeUnsent()
      .filter((f): f is Extract<AgentFrame, { type: 'event' }> => f.type === 'event')
      .map(f => [f.event.type, f.event.data?.extension ?? null]);
    expect(events).toEqual([
      ['started', null],
      ['extension-installed', 'python'],
      ['extension-removed', 'nodejs'],
      ['config-changed', null],
    ]);
  }, 30_000);
});
