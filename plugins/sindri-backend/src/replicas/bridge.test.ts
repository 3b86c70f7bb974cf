import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
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

const SESSION = 'session-bridged-1';
const auth = mockCredentials.user.header('user:default/ops');

describe('any replica reaches any agent', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    /** Two replicas on one database; the agent of dev-1 is connected to A. */
    async function twoReplicas() {
      const knex = await databases.init(databaseId);
      const a = await startLiveBackend(knex);
      const b = await startLiveBackend(knex);
      const { token, instanceId } = await enroll(a.server, 'dev-1');
      const agent = await ScriptedAgent.connect(a.base, token, 'dev-1');
      await pollUntil(
        async () =>
          Boolean(
            await knex('sindri_agent_links')
              .where({ instance_id: instanceId })
              .first(),
          ),
        'the link to be recorded',
      );
      return { knex, a, b, agent, instanceId };
    }

    it('a terminal opened on B relays to the agent on A: output, input, resize, the end and its audit', async () => {
      const { knex, a, b, agent } = await twoReplicas();
      const browser = await TerminalClient.open(b.base, 'dev-1', SESSION);
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
      await pollUntil(() => browser.text() === '$ ', 'the prompt on B');
      expect(browser.messages).toEqual([{ type: 'opened', created: true }]);

      browser.type('echo $((6*7))\r');
      browser.send({ type: 'resize', cols: 120, rows: 40 });
      await pollUntil(
        () => agent.data.length === 1 && agent.count('pty-resize') === 1,
        'input and resize through A',
      );
      expect(agent.data[0].payload.toString()).toBe('echo $((6*7))\r');

      // output in order across the hop
      for (let i = 0; i < 200; i++) agent.output(SESSION, `${i},`);
      const expected = Array.from({ length: 200 }, (_, i) => `${i},`).join('');
      await pollUntil(
        () => browser.text().endsWith(expected),
        'all output, in order',
      );

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
      // B recorded the end; the agent heard it was recorded, through A
      await agent.next('pty-exit-ack');
      const [audit] = await knex('terminal_sessions').where({
        session_id: SESSION,
      });
      expect(audit).toMatchObject({
        exit_code: 0,
        opened_by: 'user:default/ops',
      });
      expect(audit.ended_at).not.toBeNull();
      // the bridge is not a connection of the agent: one "connected" on the timeline
      const connected = await knex('sindri_events').where({
        type: 'connected',
      });
      expect(connected).toHaveLength(1);
      agent.close();
      await b.stop();
      await a.stop();
    });

    it('a command started on B runs on the agent connected to A, and its output and end are stored', async () => {
      const { knex, a, b, agent } = await twoReplicas();
      const started = await request(b.server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['uname'] },
        });
      expect(started.status).toBe(201);
      const run = await agent.next('cmd-run');
      agent.send({ type: 'cmd-started', run: run.run, pid: 7 });
      agent.send({
        type: 'cmd-output',
        run: run.run,
        stream: 'stdout',
        data: 'Linux\n',
      });
      agent.send({
        type: 'cmd-exit',
        run: run.run,
        exitCode: 0,
        signal: null,
        ended: 'exited',
        durationMs: 3,
        stdoutBytes: 6,
        stderrBytes: 0,
      });
      await agent.next('cmd-exit-ack');
      await pollUntil(
        async () =>
          (
            await knex('command_runs').where({ id: started.body.id }).first()
          ).state === 'done',
        'the run to end',
      );
      const [result] = await knex('command_results').where({
        run_id: started.body.id,
      });
      expect(result).toMatchObject({
        state: 'succeeded',
        exit_code: 0,
        stdout_tail: 'Linux\n',
      });
      agent.close();
      await b.stop();
      await a.stop();
    });

    it('the bridge takes only the sindri plugin of another replica, for an agent connected there', async () => {
      const { a, b, agent, instanceId } = await twoReplicas();
      const url = `ws://${a.base}/internal/agent-links/${instanceId}`;
      expect((await TerminalClient.refusal(url, {})).status).toBe(401);
      expect(
        (
          await TerminalClient.refusal(url, {
            Authorization: mockCredentials.user.header('user:default/ops'),
          })
        ).status,
      ).toBe(403);
      const other = await TerminalClient.refusal(url, {
        Authorization: mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('plugin:catalog'),
          targetPluginId: 'sindri',
        }),
      });
      expect(other.status).toBe(403);
      // B does not hold the agent
      const notHere = await TerminalClient.refusal(
        `ws://${b.base}/internal/agent-links/${instanceId}`,
        {
          Authorization: mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:sindri'),
            targetPluginId: 'sindri',
          }),
        },
      );
      expect(notHere.status).toBe(404);
      agent.close();
      await b.stop();
      await a.stop();
    });
  });
});
