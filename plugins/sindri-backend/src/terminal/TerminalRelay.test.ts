import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { TERMINAL_CLOSE_CODES } from '@internal/plugin-sindri-common';
import { migrateUp } from '../database/migrations';
import { AgentLink, AgentLinks } from '../live/AgentLinks';
import { TerminalAuditStore } from './TerminalAuditStore';
import { TerminalRelay, TerminalViewer } from './TerminalRelay';

describe('TerminalRelay', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('gives up on an agent that never answers pty-open and tells the viewer', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    await knex('instances').insert({ id: 'i-1', name: 'dev-1', owner: 'group:default/platform' });
    const links = new AgentLinks();
    const sent: unknown[] = [];
    const link: AgentLink = { instanceId: 'i-1', name: 'dev-1', send: f => sent.push(f), sendData: () => {} };
    links.connected(link);
    const relay = new TerminalRelay(links, new TerminalAuditStore(knex), mockServices.logger.mock(), { recordInput: false, openTimeoutMs: 50 });

    const messages: unknown[] = [];
    let closed: number | undefined;
    const viewer: TerminalViewer = { user: 'user:default/ops', send: m => messages.push(m), sendData: () => {}, close: code => (closed = code) };
    await relay.attach({ instanceId: 'i-1', sessionId: 'session-0001', cols: 80, rows: 24, viewer });
    expect(sent).toEqual([{ type: 'pty-open', session: 'session-0001', cols: 80, rows: 24 }]);

    await new Promise(r => setTimeout(r, 150));
    expect(closed).toBe(TERMINAL_CLOSE_CODES.offline);
    expect(messages).toEqual([expect.objectContaining({ type: 'offline', message: expect.stringMatching(/did not open the terminal/) })]);
    // nobody is attached any more: the agent may start its idle timer
    expect(sent).toContainEqual({ type: 'pty-detach', session: 'session-0001' });
    await relay.close();
  });
});
