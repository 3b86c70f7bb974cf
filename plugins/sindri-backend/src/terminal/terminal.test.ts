import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  LIVE_LIMITS,
  TERMINAL_CLOSE_CODES,
  pollUntil,
} from '@internal/plugin-sindri-common';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
  TerminalClient,
} from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

const SESSION = 'session-0001';

describe('terminals', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setUp(options: Parameters<typeof startLiveBackend>[1] = {}) {
      const knex = await databases.init(databaseId);
      const backend = await startLiveBackend(knex, options);
      const { token } = await enroll(backend.server, 'dev-1');
      const agent = await ScriptedAgent.connect(backend.base, token, 'dev-1');
      return { knex, ...backend, agent };
    }

    it('relays a session: pty-open with the size, output in order, input and resize to the agent, an audit row', async () => {
      const { knex, base, agent, server } = await setUp();
      const browser = await TerminalClient.open(base, 'dev-1', SESSION);

      expect(await agent.next('pty-open')).toEqual({
        type: 'pty-open',
        session: SESSION,
        cols: 100,
        rows: 30,
        user: 'user:default/ops',
      });
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: true,
        pid: 42,
        replayBytes: 0,
      });
      agent.output(SESSION, '$ ');
      await pollUntil(() => browser.text() === '$ ', 'the prompt');
      expect(browser.messages).toEqual([{ type: 'opened', created: true }]);

      browser.type('echo $((6*7))\r');
      browser.send({ type: 'resize', cols: 120, rows: 40 });
      await pollUntil(
        () => agent.data.length === 1 && agent.count('pty-resize') === 1,
        'input and resize',
      );
      expect(agent.data[0]).toMatchObject({ kind: 'input', session: SESSION });
      expect(agent.data[0].payload.toString()).toBe('echo $((6*7))\r');
      expect(await agent.next('pty-resize')).toEqual({
        type: 'pty-resize',
        session: SESSION,
        cols: 120,
        rows: 40,
      });

      agent.output(SESSION, 'echo $((6*7))\r\n42\r\n$ ');
      await pollUntil(() => browser.text().endsWith('42\r\n$ '), 'the answer');

      agent.send({
        type: 'pty-exit',
        session: SESSION,
        reason: 'exited',
        exitCode: 0,
      });
      expect(await browser.closedWith()).toEqual({
        code: TERMINAL_CLOSE_CODES.ended,
        reason: 'session exited',
      });
      expect(browser.messages.at(-1)).toEqual({
        type: 'exit',
        reason: 'exited',
        exitCode: 0,
      });

      let row: any;
      for (let i = 0; i < 50 && !row?.ended_at; i++) {
        [row] = await knex('terminal_sessions');
        await new Promise(r => setTimeout(r, 20));
      }
      expect(row).toMatchObject({
        session_id: SESSION,
        opened_by: 'user:default/ops',
        exit_code: 0,
        end_reason: 'exited',
      });
      expect(Number(row.bytes_in)).toBe('echo $((6*7))\r'.length);
      expect(Number(row.bytes_out)).toBe('$ echo $((6*7))\r\n42\r\n$ '.length);
      expect(row.ended_at).not.toBeNull();
      expect(await knex('terminal_input').select()).toEqual([]);

      const audit = await request(server)
        .get('/api/sindri/instances/dev-1/terminal-sessions')
        .set('Authorization', mockCredentials.user.header());
      expect(audit.status).toBe(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          sessionId: SESSION,
          openedBy: 'user:default/ops',
          bytesIn: 14,
          exitCode: 0,
          endReason: 'exited',
        }),
      ]);

      // the timeline says a terminal was opened and closed, by whom and how, and never names the session (its id re-attaches to the shell)
      const timeline = await pollUntil(async () => {
        const res = await request(server)
          .get(
            '/api/sindri/instances/dev-1/events?type=terminal-opened,terminal-closed',
          )
          .set('Authorization', mockCredentials.user.header());
        return res.body.items?.length === 2 ? res.body.items : undefined;
      }, 'terminal events');
      expect(timeline).toEqual([
        expect.objectContaining({
          type: 'terminal-closed',
          data: { reason: 'exited', exitCode: 0, bytesIn: 14, bytesOut: 23 },
          subject: { kind: 'terminal-session', id: row.id },
        }),
        expect.objectContaining({
          type: 'terminal-opened',
          data: { openedBy: 'user:default/ops' },
          subject: { kind: 'terminal-session', id: row.id },
        }),
      ]);
      expect(JSON.stringify(timeline)).not.toContain(SESSION);
    });

    it('re-attaches after a drop: detach, then pty-open again and the replay before live output; several viewers', async () => {
      const { base, agent } = await setUp();
      const first = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open');
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: true,
        replayBytes: 0,
      });
      agent.output(SESSION, 'one\r\n');
      await pollUntil(() => first.text() === 'one\r\n', 'first output');

      first.ws.close();
      await agent.next('pty-detach');

      const again = await TerminalClient.open(base, 'dev-1', SESSION);
      const from = agent.frames.length;
      await agent.next('pty-open', from);
      // live output that races the replay must not reach the re-attached viewer before it
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: false,
        replayBytes: 5,
      });
      agent.output(SESSION, 'one\r\n', 'replay');
      agent.output(SESSION, 'two\r\n');
      await pollUntil(
        () => again.text() === 'one\r\ntwo\r\n',
        'replay then live output',
      );
      expect(again.messages).toEqual([{ type: 'opened', created: false }]);

      // a second viewer of the same user gets its own replay; the first keeps its stream
      const second = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open', from + 1);
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: false,
        replayBytes: 10,
      });
      agent.output(SESSION, 'one\r\ntwo\r\n', 'replay');
      agent.output(SESSION, 'three\r\n');
      await pollUntil(
        () =>
          second.text() === 'one\r\ntwo\r\nthree\r\n' &&
          again.text() === 'one\r\ntwo\r\nthree\r\n',
        'both viewers',
      );

      // another user may not attach to it
      const intruder = await TerminalClient.open(
        base,
        'dev-1',
        SESSION,
        'user:default/mallory',
      );
      expect(await intruder.closedWith()).toMatchObject({
        code: TERMINAL_CLOSE_CODES.forbidden,
      });
      expect(intruder.output.length).toBe(0);
    });

    it('pauses the shell while a viewer has too much unacknowledged output and resumes when it catches up', async () => {
      const { base, agent } = await setUp();
      const browser = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open');
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: true,
        replayBytes: 0,
      });

      const chunk = Buffer.alloc(64 * 1024, 'y');
      for (let i = 0; i < 9; i++) agent.output(SESSION, chunk);
      await agent.next('pty-pause');
      await pollUntil(
        () => browser.output.length === 9 * chunk.length,
        'all output at the browser',
      );
      expect(agent.count('pty-resume')).toBe(0);

      // acknowledging only part of it keeps the pause; below the low-water mark it resumes
      browser.send({ type: 'ack', bytes: 4 * chunk.length });
      await new Promise(r => setTimeout(r, 100));
      expect(agent.count('pty-resume')).toBe(0);
      browser.send({
        type: 'ack',
        bytes: 9 * chunk.length - LIVE_LIMITS.lowWaterBytes + 1,
      });
      expect(await agent.next('pty-resume')).toEqual({
        type: 'pty-resume',
        session: SESSION,
      });
    });

    it("disconnects a viewer that falls far behind instead of growing the backend's memory", async () => {
      const { base, agent } = await setUp();
      const browser = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open');
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: true,
        replayBytes: 0,
      });
      // an agent that ignores pty-pause: the viewer is cut off past the lag limit
      const chunk = Buffer.alloc(256 * 1024, 'y');
      for (let i = 0; i <= LIVE_LIMITS.viewerMaxLagBytes / chunk.length; i++)
        agent.output(SESSION, chunk);
      expect(await browser.closedWith()).toMatchObject({
        code: TERMINAL_CLOSE_CODES.tooSlow,
      });
      await agent.next('pty-detach');
    });

    it('tells viewers when the agent goes away; its shells live on', async () => {
      const { base, agent } = await setUp();
      const browser = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open');
      agent.close();
      expect(await browser.closedWith()).toMatchObject({
        code: TERMINAL_CLOSE_CODES.offline,
      });
      expect(browser.messages.at(-1)).toMatchObject({ type: 'offline' });

      const later = await TerminalClient.open(base, 'dev-1', SESSION);
      expect(await later.closedWith()).toMatchObject({
        code: TERMINAL_CLOSE_CODES.offline,
      });
    });

    it('records keystrokes only when sindri.terminal.recordInput is on', async () => {
      const { knex, base, agent } = await setUp({
        config: { terminal: { recordInput: true } },
      });
      const browser = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open');
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: true,
        replayBytes: 0,
      });
      for (const key of 'ls -la\r') browser.type(key);
      await pollUntil(() => agent.data.length === 7, 'keystrokes');
      expect(Buffer.concat(agent.data.map(d => d.payload)).toString()).toBe(
        'ls -la\r',
      );
      agent.send({
        type: 'pty-exit',
        session: SESSION,
        reason: 'closed',
        exitCode: null,
      });
      await browser.closedWith();
      let recorded = '';
      for (let i = 0; i < 50 && recorded !== 'ls -la\r'; i++) {
        recorded = (await knex('terminal_input').orderBy('seq'))
          .map((r: any) => r.data)
          .join('');
        await new Promise(r => setTimeout(r, 20));
      }
      expect(recorded).toBe('ls -la\r');
    });

    it('refuses upgrades: 401 without a user, 403 without the terminal permission or from a foreign origin, 404, 400', async () => {
      const { base } = await setUp({ denied: [] });
      const cookie = {
        Cookie: mockCredentials.limitedUser.cookie('user:default/ops'),
      };
      const url = TerminalClient.url(base, 'dev-1', SESSION);

      expect(await TerminalClient.refusal(url, {})).toMatchObject({
        status: 401,
      });
      expect(
        await TerminalClient.refusal(url, {
          ...cookie,
          Origin: 'https://evil.example.com',
        }),
      ).toMatchObject({ status: 403 });
      expect(
        await TerminalClient.refusal(
          TerminalClient.url(base, 'nobody', SESSION),
          cookie,
        ),
      ).toMatchObject({ status: 404 });
      const bad = await TerminalClient.refusal(
        TerminalClient.url(base, 'dev-1', 'x'),
        cookie,
      );
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error.message).toMatch(/^session: /);
      const badSize = await TerminalClient.refusal(
        TerminalClient.url(base, 'dev-1', SESSION, '?cols=0'),
        cookie,
      );
      expect(JSON.parse(badSize.body).error.message).toMatch(/^query\.cols: /);
    });

    it('answers 403 to a direct upgrade without sindri.instance.terminal, and attaches nothing', async () => {
      const { base, agent } = await setUp({
        denied: ['sindri.instance.terminal'],
      });
      const refused = await TerminalClient.refusal(
        TerminalClient.url(base, 'dev-1', SESSION),
        {
          Cookie: mockCredentials.limitedUser.cookie('user:default/ops'),
        },
      );
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).error.message).toBe(
        'not permitted: sindri.instance.terminal on dev-1',
      );
      await new Promise(r => setTimeout(r, 100));
      expect(agent.frames).toEqual([]);
    });

    it('closes an open terminal (4403) once the policy stops granting sindri.instance.terminal, and only then', async () => {
      const denied: string[] = [];
      const { base, agent } = await setUp({
        denied,
        config: {
          terminal: { permissionRecheckInterval: { milliseconds: 100 } },
        },
      });
      const browser = await TerminalClient.open(base, 'dev-1', SESSION);
      await agent.next('pty-open');
      agent.send({
        type: 'pty-opened',
        session: SESSION,
        created: true,
        pid: 42,
        replayBytes: 0,
      });
      await pollUntil(
        () => browser.messages.length === 1,
        'the session to open',
      );

      await new Promise(r => setTimeout(r, 400));
      expect(browser.closed).toBeUndefined();

      denied.push('sindri.instance.terminal');
      expect(await browser.closedWith()).toEqual({
        code: TERMINAL_CLOSE_CODES.forbidden,
        reason: 'not permitted any more: sindri.instance.terminal',
      });
    });
  });
});
