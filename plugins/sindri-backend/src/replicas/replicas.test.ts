import crypto from 'node:crypto';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { pollUntil } from '@internal/plugin-sindri-common';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
} from '../__testUtils__/liveHarness';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

const auth = mockCredentials.user.header('user:default/ops');

async function replicaIds(knex: Knex): Promise<string[]> {
  return (await knex('sindri_replicas').select('id')).map(r => r.id);
}

async function runningOperation(knex: Knex, replicaId: string | null) {
  const id = crypto.randomUUID();
  await knex('lifecycle_operations').insert({
    id,
    instance_id: null,
    instance_name: `plan-${id.slice(0, 8)}`,
    kind: 'plan',
    driver: 'local',
    state: 'running',
    actor: 'user:default/ops',
    log: '[]',
    started_at: new Date(),
    replica_id: replicaId,
  });
  return id;
}

async function operationState(knex: Knex, id: string) {
  return (await knex('lifecycle_operations').where({ id }).first('state'))
    .state;
}

/** A run over dev-1 (its agent gets the command and keeps it running) then dev-2, queued behind it. */
async function startRun(server: any) {
  const started = await request(server)
    .post('/api/sindri/commands')
    .set('Authorization', auth)
    .send({
      target: { instances: ['dev-1', 'dev-2'] },
      command: { argv: ['sleep', '600'] },
      timeoutSeconds: 600,
      concurrency: 1,
    });
  expect([started.status, started.body.error?.message]).toEqual([
    201,
    undefined,
  ]);
  return started.body.id as string;
}

/** An instance whose agent registered once and went away. */
async function registerOnce(
  backend: { base: string },
  enrolled: { token: string },
  name: string,
) {
  const agent = await ScriptedAgent.connect(backend.base, enrolled.token, name);
  agent.close();
}

async function results(knex: Knex, runId: string) {
  return Object.fromEntries(
    (
      await knex('command_results')
        .where({ run_id: runId })
        .select('instance_name', 'state')
    ).map(r => [r.instance_name, r.state]),
  );
}

describe('replicas', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("a replica that starts leaves a live replica's operations and commands alone", async () => {
      const knex = await databases.init(databaseId);
      const a = await startLiveBackend(knex);
      const [aId] = await replicaIds(knex);
      const dev1 = await enroll(a.server, 'dev-1');
      await registerOnce(a, await enroll(a.server, 'dev-2'), 'dev-2');
      const agent = await ScriptedAgent.connect(a.base, dev1.token, 'dev-1');
      const runId = await startRun(a.server);
      const run = await agent.next('cmd-run');
      const operation = await runningOperation(knex, aId);

      const b = await startLiveBackend(knex);
      expect(await replicaIds(knex)).toHaveLength(2);
      expect(await results(knex, runId)).toEqual({
        'dev-1': 'running',
        'dev-2': 'queued',
      });
      expect(await operationState(knex, operation)).toBe('running');

      // A still drives its run to the end
      agent.send({
        type: 'cmd-exit',
        run: run.run,
        exitCode: 0,
        signal: null,
        ended: 'exited',
        durationMs: 5,
        stdoutBytes: 0,
        stderrBytes: 0,
      });
      await pollUntil(
        async () => (await results(knex, runId))['dev-2'] === 'unreachable',
        'the run to reach dev-2',
      );
      expect((await results(knex, runId))['dev-1']).toBe('succeeded');
      agent.close();
      await b.stop();
      await a.stop();
    });

    it('settles what a stopped replica left: queued results cancelled, a running one stored when its agent reports to another replica', async () => {
      const knex = await databases.init(databaseId);
      const a = await startLiveBackend(knex);
      const [aId] = await replicaIds(knex);
      const dev1 = await enroll(a.server, 'dev-1');
      await registerOnce(a, await enroll(a.server, 'dev-2'), 'dev-2');
      const agentOnA = await ScriptedAgent.connect(a.base, dev1.token, 'dev-1');
      const runId = await startRun(a.server);
      const run = await agentOnA.next('cmd-run');
      agentOnA.send({ type: 'cmd-started', run: run.run, pid: 4242 });
      await new Promise(r => setTimeout(r, 100));
      const operation = await runningOperation(knex, aId);
      const legacy = await runningOperation(knex, null);
      agentOnA.close();
      await a.stop();

      const b = await startLiveBackend(knex);
      expect(await operationState(knex, operation)).toBe('cancelled');
      expect(await operationState(knex, legacy)).toBe('cancelled');
      expect(await results(knex, runId)).toEqual({
        'dev-1': 'running',
        'dev-2': 'cancelled',
      });
      const dev2 = await knex('command_results')
        .where({ run_id: runId, instance_name: 'dev-2' })
        .first('message');
      expect(dev2.message).toMatch(/replica running this command stopped/);

      // the agent reconnects to B and reports the end it could not deliver to A
      const agentOnB = await ScriptedAgent.connect(b.base, dev1.token, 'dev-1');
      agentOnB.send({
        type: 'cmd-exit',
        run: run.run,
        exitCode: 0,
        signal: null,
        ended: 'exited',
        durationMs: 1200,
        stdoutBytes: 4,
        stderrBytes: 0,
      });
      await agentOnB.next('cmd-exit-ack');
      expect(await results(knex, runId)).toEqual({
        'dev-1': 'succeeded',
        'dev-2': 'cancelled',
      });
      expect(
        (await knex('command_runs').where({ id: runId }).first('state')).state,
      ).toBe('done');
      agentOnB.close();
      await b.stop();
    });

    it("reaps a replica whose lease ran out (it crashed), once, and never its own or a live one's work", async () => {
      const knex = await databases.init(databaseId);
      const scheduler = manualScheduler();
      const b = await startLiveBackend(knex, {
        // long enough that B's first look comes within it on a loaded machine
        config: { replicas: { lease: { milliseconds: 4000 } } },
        features: [scheduler.factory],
      });
      const [bId] = await replicaIds(knex);
      const now = Date.now();
      await knex('sindri_replicas').insert([
        {
          id: 'crashed',
          started_at: new Date(now - 60_000),
          lease_expires_at: new Date(now + 200),
        },
        {
          id: 'alive',
          started_at: new Date(now - 60_000),
          lease_expires_at: new Date(now + 60_000),
        },
      ]);
      // a live replica between its transition and its operation's row: not the reaper's to fail
      await knex('instances').insert({
        id: 'i-mid',
        name: 'mid-suspend',
        owner: 'group:default/platform',
        provider: 'docker',
      });
      await knex('instance_deployments').insert({
        instance_id: 'i-mid',
        driver: 'local',
        state: 'suspending',
        sindri_yaml: 'name: mid-suspend',
        provider: 'docker',
        created_by: 'user:default/ops',
        created_at: new Date(),
        updated_at: new Date(),
      });
      const crashedOp = await runningOperation(knex, 'crashed');
      const aliveOp = await runningOperation(knex, 'alive');
      const ownOp = await runningOperation(knex, bId);

      // B judges no one before it has held its own lease for a whole lease period
      await scheduler.run('sindri-replica-recovery');
      expect(await operationState(knex, crashedOp)).toBe('running');

      await new Promise(r => setTimeout(r, 4100));
      await scheduler.run('sindri-replica-lease');
      await scheduler.run('sindri-replica-recovery');
      expect(await operationState(knex, crashedOp)).toBe('cancelled');
      expect(await operationState(knex, aliveOp)).toBe('running');
      expect(await operationState(knex, ownOp)).toBe('running');
      expect(
        (await knex('instance_deployments').where({ instance_id: 'i-mid' }))[0]
          .state,
      ).toBe('suspending');
      expect((await replicaIds(knex)).sort()).toEqual(['alive', bId].sort());
      await b.stop();
    });
  });
});
