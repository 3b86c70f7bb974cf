import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { TERMINAL_CLOSE_CODES } from '@internal/plugin-sindri-common';
import { migrateUp } from '../database/migrations';
import { AgentLink, AgentLinks } from '../live/AgentLinks';
import { TerminalAuditStore } from './TerminalAuditStore';
import { TerminalRelay } from './TerminalRelay';
import { TerminalViewer } from './relayTypes';
import { EventService } from '../events/EventService';
import { EventStore } from '../events/EventStore';

describe('TerminalRelay', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  /** A relay on a fresh database with instance i-1 and a connected agent link that records what it is sent. */
  async function setUp(options: { openTimeoutMs?: number } = {}) {
    const knex = await databases.init('SQLITE_3');
    await migrateUp(knex);
    await knex('instances').insert({
      id: 'i-1',
      name: 'dev-1',
      owner: 'group:default/platform',
    });
    const audit = new TerminalAuditStore(knex);
    const links = new AgentLinks();
    const sent: any[] = [];
    const link: AgentLink = {
      instanceId: 'i-1',
      name: 'dev-1',
      send: f => sent.push(f),
      sendData: () => {},
      close: () => {},
    };
    links.connected(link);
    const logger = mockServices.logger.mock();
    const events = new EventService(new EventStore(knex), logger);
    const relay = new TerminalRelay(links, { store: audit, events }, logger, {
      recordInput: false,
      ...options,
    });
    return { knex, audit, link, sent, relay };
  }

  it('gives up on an agent that never answers pty-open and tells the viewer', async () => {
    const { sent, relay } = await setUp({ openTimeoutMs: 50 });

    const messages: unknown[] = [];
    let closed: number | undefined;
    const viewer: TerminalViewer = {
      user: 'user:default/ops',
      send: m => messages.push(m),
      sendData: () => {},
      close: code => (closed = code),
    };
    await relay.attach({
      instanceId: 'i-1',
      sessionId: 'session-0001',
      cols: 80,
      rows: 24,
      viewer,
    });
    expect(sent).toEqual([
      {
        type: 'pty-open',
        session: 'session-0001',
        cols: 80,
        rows: 24,
        user: 'user:default/ops',
      },
    ]);

    await new Promise(r => setTimeout(r, 150));
    expect(closed).toBe(TERMINAL_CLOSE_CODES.offline);
    expect(messages).toEqual([
      expect.objectContaining({
        type: 'offline',
        message: expect.stringMatching(/did not open the terminal/),
      }),
    ]);
    // nobody is attached any more: the agent may start its idle timer
    expect(sent).toContainEqual({
      type: 'pty-detach',
      session: 'session-0001',
    });
    // a late answer must not leave a shell nobody owns: the agent is told to close it
    expect(sent).toContainEqual({ type: 'pty-close', session: 'session-0001' });
    await relay.close();
  });

  it('closes with 1011 and a generic reason when the database fails while opening', async () => {
    const { knex, relay } = await setUp();
    await knex.schema.renameTable(
      'terminal_sessions',
      'terminal_sessions_away',
    );
    const messages: any[] = [];
    let closed: { code: number; reason: string } | undefined;
    const viewer: TerminalViewer = {
      user: 'user:default/ops',
      send: m => messages.push(m),
      sendData: () => {},
      close: (code, reason) => (closed = { code, reason }),
    };
    expect(
      await relay.attach({
        instanceId: 'i-1',
        sessionId: 'session-0009',
        cols: 80,
        rows: 24,
        viewer,
      }),
    ).toBeUndefined();
    expect(closed).toEqual({ code: 1011, reason: 'internal error' });
    expect(JSON.stringify(messages)).not.toMatch(
      /terminal_sessions|SQLITE|no such table/i,
    );
    await relay.close();
  });

  it('tells the viewer when the agent refuses it a shell that belongs to someone else', async () => {
    const { knex, link, relay } = await setUp();
    const messages: any[] = [];
    let closed: number | undefined;
    const viewer: TerminalViewer = {
      user: 'user:default/eve',
      send: m => messages.push(m),
      sendData: () => {},
      close: code => (closed = code),
    };
    await relay.attach({
      instanceId: 'i-1',
      sessionId: 'session-0010',
      cols: 80,
      rows: 24,
      viewer,
    });
    relay.onFrame(link, {
      type: 'pty-denied',
      session: 'session-0010',
      message: 'this terminal session belongs to another user',
    });
    expect(closed).toBe(TERMINAL_CLOSE_CODES.forbidden);
    expect(relay.sessionCount).toBe(0);
    for (let i = 0; i < 50; i++) {
      const [row] = await knex('terminal_sessions').where({
        session_id: 'session-0010',
      });
      if (row?.end_reason) break;
      await new Promise(r => setTimeout(r, 10));
    }
    expect(
      (
        await knex('terminal_sessions').where({ session_id: 'session-0010' })
      )[0],
    ).toMatchObject({ end_reason: 'denied', opened_by: 'user:default/eve' });
    await relay.close();
  });

  it('pauses for a viewer whose socket does not drain, however it acknowledges, and resumes once it has', async () => {
    const { sent, relay, link } = await setUp();
    let queued = 0;
    const viewer: TerminalViewer = {
      user: 'user:default/ops',
      send: () => {},
      sendData: b => (queued += b.length),
      close: () => {},
      buffered: () => queued,
    };
    const attachment = (await relay.attach({
      instanceId: 'i-1',
      sessionId: 'session-0002',
      cols: 80,
      rows: 24,
      viewer,
    }))!;
    relay.onFrame(link, {
      type: 'pty-opened',
      session: 'session-0002',
      created: true,
      replayBytes: 0,
    });

    const chunk = new Uint8Array(256 * 1024);
    for (let i = 0; i < 3; i++) {
      relay.onData(link, {
        kind: 'output',
        session: 'session-0002',
        payload: chunk,
      });
      attachment.ack(chunk.length); // acknowledged at once, yet still queued in the backend
    }
    expect(sent.filter(f => f.type === 'pty-pause')).toHaveLength(1);
    expect(sent.filter(f => f.type === 'pty-resume')).toHaveLength(0);

    queued = 0; // the socket drained, with no message from the viewer
    await new Promise(r => setTimeout(r, 150));
    expect(sent.filter(f => f.type === 'pty-resume')).toHaveLength(1);
    await relay.close();
  });

  it('ends the audit row of a shell that exits while this backend no longer follows it', async () => {
    const { knex, audit, link, relay, sent } = await setUp();
    await audit.start({
      instanceId: 'i-1',
      instanceName: 'dev-1',
      sessionId: 'session-0003',
      openedBy: 'user:default/ops',
    });

    relay.onFrame(link, {
      type: 'pty-exit',
      session: 'session-0003',
      reason: 'idle',
      exitCode: null,
    });
    let row: any;
    for (let i = 0; i < 50 && !row?.ended_at; i++) {
      [row] = await knex('terminal_sessions');
      await new Promise(r => setTimeout(r, 10));
    }
    expect(row).toMatchObject({ end_reason: 'idle' });
    expect(row.ended_at).not.toBeNull();
    // recorded: the agent may forget it
    for (let i = 0; i < 50 && !sent.some(f => f.type === 'pty-exit-ack'); i++)
      await new Promise(r => setTimeout(r, 10));
    expect(sent).toContainEqual({
      type: 'pty-exit-ack',
      session: 'session-0003',
    });
    await relay.close();
  });
});
