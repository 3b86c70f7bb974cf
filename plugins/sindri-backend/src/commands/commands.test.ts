import crypto from 'node:crypto';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { CommandStreamEvent } from '@internal/plugin-sindri-common';
import { registration } from '../__testUtils__/fixtures';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
} from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header('user:default/ops');

const instanceEntity = (name: string, status: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    labels: { 'sindri.io/status': status },
  },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
});

/** Reads the NDJSON stream of a run until `done`; `events` once the stream has answered (its snapshot is on the way). */
async function readStream(
  base: string,
  id: string,
): Promise<{ events: Promise<CommandStreamEvent[]> }> {
  const res = await fetch(`http://${base}/commands/${id}/stream`, {
    headers: { Authorization: auth },
  });
  expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
  const events = res.text().then(text =>
    text
      .trim()
      .split('\n')
      .map(line => JSON.parse(line)),
  );
  return { events };
}

describe('commands', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('fans out by catalog filter with a concurrency limit: one succeeds, one fails, one is unreachable', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex, {
        entities: [
          instanceEntity('dev-1', 'running'),
          instanceEntity('dev-2', 'running'),
          instanceEntity('dev-3', 'running'),
          instanceEntity('dev-9', 'stopped'),
        ],
      });
      const agents: Record<string, ScriptedAgent> = {};
      for (const name of ['dev-1', 'dev-2', 'dev-3']) {
        const { token } = await enroll(server, name);
        if (name !== 'dev-3')
          agents[name] = await ScriptedAgent.connect(base, token, name);
      }
      await enroll(server, 'dev-9');

      const preview = await request(server)
        .post('/api/sindri/commands/targets')
        .set('Authorization', auth)
        .send({
          target: { filter: { 'metadata.labels.sindri.io/status': 'running' } },
        });
      // dev-3 is enrolled but its agent never registered: not an instance yet
      expect(preview.body.items).toEqual([
        { name: 'dev-1', permitted: true },
        { name: 'dev-2', permitted: true },
      ]);

      // register dev-3 over HTTP so it is an instance, but without a live connection
      const { token: token3 } = await enroll(server, 'dev-4');
      await request(server)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${token3}`)
        .send({
          frames: [{ type: 'register', registration: registration('dev-4') }],
        });

      const started = await request(server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: ['dev-1', 'dev-2', 'dev-4'] },
          command: { argv: ['uname', '-a'] },
          timeoutSeconds: 30,
          concurrency: 1,
        });
      expect(started.status).toBe(201);
      const id = started.body.id;
      expect(started.body).toMatchObject({
        createdBy: 'user:default/ops',
        state: 'running',
        concurrency: 1,
        command: { argv: ['uname', '-a'] },
      });

      // concurrency 1: dev-1 first, dev-2 only after dev-1 ends
      const run1 = await agents['dev-1'].next('cmd-run');
      expect(run1).toMatchObject({
        command: { argv: ['uname', '-a'] },
        timeoutSeconds: 30,
      });
      await new Promise(r => setTimeout(r, 100));
      expect(agents['dev-2'].count('cmd-run')).toBe(0);

      // the stream follows the run from here: what follows arrives as output events
      const { events: streamed } = await readStream(base, id);
      agents['dev-1'].send({ type: 'cmd-started', run: run1.run, pid: 10 });
      agents['dev-1'].send({
        type: 'cmd-output',
        run: run1.run,
        stream: 'stdout',
        data: 'Linux dev-1\n',
      });
      agents['dev-1'].send({
        type: 'cmd-exit',
        run: run1.run,
        exitCode: 0,
        signal: null,
        ended: 'exited',
        durationMs: 12,
        stdoutBytes: 12,
        stderrBytes: 0,
      });

      const run2 = await agents['dev-2'].next('cmd-run');
      agents['dev-2'].send({
        type: 'cmd-output',
        run: run2.run,
        stream: 'stderr',
        data: 'uname: boom\n',
      });
      agents['dev-2'].send({
        type: 'cmd-exit',
        run: run2.run,
        exitCode: 1,
        signal: null,
        ended: 'exited',
        durationMs: 5,
        stdoutBytes: 0,
        stderrBytes: 12,
      });

      const events = await streamed;
      expect(events[0].type).toBe('snapshot');
      expect(events.filter(e => e.type === 'output')).toEqual([
        {
          type: 'output',
          instance: 'dev-1',
          stream: 'stdout',
          data: 'Linux dev-1\n',
        },
        {
          type: 'output',
          instance: 'dev-2',
          stream: 'stderr',
          data: 'uname: boom\n',
        },
      ]);
      const done = events.at(-1) as Extract<
        CommandStreamEvent,
        { type: 'done' }
      >;
      expect(done.type).toBe('done');
      expect(done.run.state).toBe('done');
      expect(done.run.counts).toEqual({
        succeeded: 1,
        failed: 1,
        unreachable: 1,
      });

      const stored = await request(server)
        .get(`/api/sindri/commands/${id}`)
        .set('Authorization', auth);
      expect(stored.body.results).toEqual([
        expect.objectContaining({
          instance: 'dev-1',
          state: 'succeeded',
          exitCode: 0,
          stdout: 'Linux dev-1\n',
          stdoutBytes: 12,
          durationMs: expect.any(Number),
        }),
        expect.objectContaining({
          instance: 'dev-2',
          state: 'failed',
          exitCode: 1,
          stderr: 'uname: boom\n',
          stderrBytes: 12,
        }),
        expect.objectContaining({
          instance: 'dev-4',
          state: 'unreachable',
          message: "the instance's agent is not connected",
        }),
      ]);

      const history = await request(server)
        .get('/api/sindri/commands?instance=dev-2')
        .set('Authorization', auth);
      expect(history.body.items).toEqual([
        expect.objectContaining({
          id,
          state: 'done',
          instances: ['dev-1', 'dev-2', 'dev-4'],
        }),
      ]);
      const none = await request(server)
        .get('/api/sindri/commands?instance=dev-9')
        .set('Authorization', auth);
      expect(none.body.items).toEqual([]);
    });

    it('cancels: running commands get cmd-cancel, queued ones never start', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex);
      const agents: ScriptedAgent[] = [];
      for (const name of ['dev-1', 'dev-2'])
        agents.push(
          await ScriptedAgent.connect(
            base,
            (
              await enroll(server, name)
            ).token,
            name,
          ),
        );

      const started = await request(server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: ['dev-1', 'dev-2'] },
          command: { script: '#!/bin/sh\nsleep 600\n' },
          concurrency: 1,
        });
      const run1 = await agents[0].next('cmd-run');
      const cancelled = await request(server)
        .post(`/api/sindri/commands/${started.body.id}/cancel`)
        .set('Authorization', auth);
      expect(cancelled.status).toBe(202);
      expect(await agents[0].next('cmd-cancel')).toEqual({
        type: 'cmd-cancel',
        run: run1.run,
      });
      agents[0].send({
        type: 'cmd-exit',
        run: run1.run,
        exitCode: null,
        signal: 'SIGTERM',
        ended: 'cancelled',
        durationMs: 40,
        stdoutBytes: 0,
        stderrBytes: 0,
      });

      let run: any;
      for (let i = 0; i < 100 && run?.state !== 'cancelled'; i++) {
        run = (
          await request(server)
            .get(`/api/sindri/commands/${started.body.id}`)
            .set('Authorization', auth)
        ).body;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(run.state).toBe('cancelled');
      expect(run.results.map((r: any) => [r.instance, r.state])).toEqual([
        ['dev-1', 'cancelled'],
        ['dev-2', 'cancelled'],
      ]);
      expect(agents[1].count('cmd-run')).toBe(0);
    });

    it('tells an agent that was away when a command was cancelled to stop it when it is back', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex);
      const { token } = await enroll(server, 'dev-1');
      const first = await ScriptedAgent.connect(base, token, 'dev-1');
      const started = await request(server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['sleep', '600'] },
        });
      const { run: commandId } = await first.next('cmd-run');
      first.send({ type: 'cmd-started', run: commandId, pid: 4242 });
      await new Promise(r => setTimeout(r, 100));
      first.close();
      await new Promise(r => setTimeout(r, 200));

      await request(server)
        .post(`/api/sindri/commands/${started.body.id}/cancel`)
        .set('Authorization', auth)
        .expect(202);
      const run = (
        await request(server)
          .get(`/api/sindri/commands/${started.body.id}`)
          .set('Authorization', auth)
      ).body;
      expect(run.results[0]).toMatchObject({
        state: 'cancelled',
        message: expect.stringContaining(
          'told to stop the command when it is back',
        ),
      });

      const back = await ScriptedAgent.connect(base, token, 'dev-1');
      expect(await back.next('cmd-cancel')).toEqual({
        type: 'cmd-cancel',
        run: commandId,
      });
    });

    it('fails fast a command its agent never confirmed when the connection is lost, and cancels it when the agent is back', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex);
      const { token } = await enroll(server, 'dev-1');
      const first = await ScriptedAgent.connect(base, token, 'dev-1');
      const started = await request(server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['sleep', '600'] },
        });
      const { run: commandId } = await first.next('cmd-run');
      const lostAt = Date.now();
      first.ws.terminate();
      let run: any;
      for (let i = 0; i < 100 && run?.state !== 'done'; i++) {
        run = (
          await request(server)
            .get(`/api/sindri/commands/${started.body.id}`)
            .set('Authorization', auth)
        ).body;
        await new Promise(r => setTimeout(r, 20));
      }
      expect(run.results[0]).toMatchObject({
        state: 'unreachable',
        message: expect.stringMatching(/lost before it started/),
      });
      // not after its timeout (300 s) and a grace: at once
      expect(Date.now() - lostAt).toBeLessThan(2000);
      const back = await ScriptedAgent.connect(base, token, 'dev-1');
      expect(await back.next('cmd-cancel')).toEqual({
        type: 'cmd-cancel',
        run: commandId,
      });
    });

    it('stores an exit sent again after a reconnect, acknowledges it, and does not call it a timeout', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex);
      const { token } = await enroll(server, 'dev-1');
      const first = await ScriptedAgent.connect(base, token, 'dev-1');
      const started = await request(server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['true'] },
          timeoutSeconds: 1,
        });
      const { run: commandId } = await first.next('cmd-run');
      first.send({ type: 'cmd-started', run: commandId, pid: 4242 });
      await new Promise(r => setTimeout(r, 100));
      // the exit went out as the connection dropped: the portal never saw it
      first.ws.terminate();
      await new Promise(r => setTimeout(r, 200));

      const back = await ScriptedAgent.connect(base, token, 'dev-1');
      back.send({
        type: 'cmd-exit',
        run: commandId,
        exitCode: 0,
        signal: null,
        ended: 'exited',
        durationMs: 12,
        stdoutBytes: 0,
        stderrBytes: 0,
      });
      expect(await back.next('cmd-exit-ack')).toEqual({
        type: 'cmd-exit-ack',
        run: commandId,
      });
      const run = (
        await request(server)
          .get(`/api/sindri/commands/${started.body.id}`)
          .set('Authorization', auth)
      ).body;
      expect(run.results[0]).toMatchObject({ state: 'succeeded', exitCode: 0 });
      // the same exit again (the ack was lost): acknowledged again, nothing changes
      back.send({
        type: 'cmd-exit',
        run: commandId,
        exitCode: 0,
        signal: null,
        ended: 'exited',
        durationMs: 12,
        stdoutBytes: 0,
        stderrBytes: 0,
      });
      await back.next('cmd-exit-ack', 1);
      expect(
        (
          await request(server)
            .get(`/api/sindri/commands/${started.body.id}`)
            .set('Authorization', auth)
        ).body.results[0].state,
      ).toBe('succeeded');
    });

    it('stores the late exit of a run this backend no longer follows, but only from the instance that ran it', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex);
      const dev1 = await enroll(server, 'dev-1');
      const dev2 = await enroll(server, 'dev-2');
      const runId = crypto.randomUUID();
      const resultId = crypto.randomUUID();
      // a run an earlier start (or another replica) began
      await knex('command_runs').insert({
        id: runId,
        created_by: 'user:default/ops',
        created_at: new Date(),
        command: '{"argv":["true"]}',
        target: '{"instances":["dev-1"]}',
        timeout_s: 60,
        concurrency: 1,
        state: 'running',
      });
      await knex('command_results').insert({
        id: resultId,
        run_id: runId,
        instance_id: dev1.instanceId,
        instance_name: 'dev-1',
        state: 'running',
      });
      const exit = {
        type: 'cmd-exit' as const,
        run: resultId,
        exitCode: 3,
        signal: null,
        ended: 'exited' as const,
        durationMs: 5,
        stdoutBytes: 5,
        stderrBytes: 4,
        stdoutTail: 'late\n',
        stderrTail: 'bad\n',
      };

      const other = await ScriptedAgent.connect(base, dev2.token, 'dev-2');
      other.send(exit);
      await new Promise(r => setTimeout(r, 300));
      expect(
        (await knex('command_results').where({ id: resultId }))[0].state,
      ).toBe('running');

      const agent = await ScriptedAgent.connect(base, dev1.token, 'dev-1');
      agent.send(exit);
      await agent.next('cmd-exit-ack');
      expect(
        (await knex('command_results').where({ id: resultId }))[0],
      ).toMatchObject({
        state: 'failed',
        exit_code: 3,
        // the output streamed to whoever followed the run: kept from the agent's tails
        stdout_tail: 'late\n',
        stderr_tail: 'bad\n',
      });
      expect((await knex('command_runs').where({ id: runId }))[0].state).toBe(
        'done',
      );
    });

    it('validates the request and checks sindri.instance.command per instance', async () => {
      const knex = await databases.init(databaseId);
      const { server, base } = await startLiveBackend(knex, {
        denied: ['sindri.instance.command'],
      });
      await ScriptedAgent.connect(
        base,
        (
          await enroll(server, 'dev-1')
        ).token,
        'dev-1',
      );
      const post = (body: object) =>
        request(server)
          .post('/api/sindri/commands')
          .set('Authorization', auth)
          .send(body);

      const noArgv = await post({
        target: { instances: ['dev-1'] },
        command: { argv: [] },
      });
      expect(noArgv.status).toBe(400);
      expect(noArgv.body.error.message).toMatch(/^command/);
      const badTimeout = await post({
        target: { instances: ['dev-1'] },
        command: { argv: ['ls'] },
        timeoutSeconds: 0,
      });
      expect(badTimeout.body.error.message).toMatch(/^timeoutSeconds: /);
      const unknown = await post({
        target: { instances: ['nobody'] },
        command: { argv: ['ls'] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'target.instances: no registered instance named nobody',
      );
      const noScriptLine = await post({
        target: { instances: ['dev-1'] },
        command: { script: 'ls' },
      });
      expect(noScriptLine.status).toBe(400);

      const denied = await post({
        target: { instances: ['dev-1'] },
        command: { argv: ['ls'] },
      });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'not permitted: sindri.instance.command on any selected instance',
      );
      expect(await knex('command_runs').select()).toEqual([]);
      const unauthenticated = await request(server)
        .post('/api/sindri/commands')
        .send({ target: { instances: ['dev-1'] }, command: { argv: ['ls'] } });
      expect(unauthenticated.status).toBe(401);
    });
  });
});
