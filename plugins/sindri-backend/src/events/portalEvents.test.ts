import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { FleetEvent, pollUntil } from '@internal/plugin-sindri-common';
import request from 'supertest';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
} from '../__testUtils__/liveHarness';
import { heartbeat, registration } from '../__testUtils__/fixtures';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

/** What the portal records on the timeline by itself, beside what agents send. */
describe('events the portal records', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'connected, disconnected, heartbeat lost and recovered, and a command run without its command or output, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = manualScheduler();
      const { server, base } = await startLiveBackend(knex, {
        features: [scheduler.factory],
      });
      const user = mockCredentials.user.header();
      const { token, instanceId } = await enroll(server, 'dev-1');
      const timeline = async (types: string, count: number) =>
        pollUntil(async () => {
          const res = await request(server)
            .get(`/api/sindri/instances/dev-1/events?type=${types}`)
            .set('Authorization', user);
          const items: FleetEvent[] = res.body.items ?? [];
          return items.length >= count ? items : undefined;
        }, `${count} of ${types}`);

      const agent = await ScriptedAgent.connect(base, token, 'dev-1');
      // a registration sent again on the same connection is no new connection
      agent.ws.send(
        JSON.stringify({
          type: 'register',
          registration: registration('dev-1'),
        }),
      );

      const started = await request(server)
        .post('/api/sindri/commands')
        .set('Authorization', user)
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['sh', '-c', 'echo s3cr3t-output'] },
          timeoutSeconds: 30,
          concurrency: 1,
        });
      expect(started.status).toBe(201);
      const run = await agent.next('cmd-run');
      agent.send({ type: 'cmd-started', run: run.run, pid: 10 });
      agent.send({
        type: 'cmd-output',
        run: run.run,
        stream: 'stdout',
        data: 's3cr3t-output\n',
      });
      agent.send({
        type: 'cmd-exit',
        run: run.run,
        exitCode: 3,
        signal: null,
        ended: 'exited',
        durationMs: 7,
        stdoutBytes: 14,
        stderrBytes: 0,
      });
      const [ran] = await timeline('command-run', 1);
      expect(ran).toMatchObject({
        severity: 'warning',
        data: { state: 'failed', exitCode: 3, durationMs: 7 },
        subject: { kind: 'command', id: started.body.id },
      });
      expect(JSON.stringify(ran)).not.toMatch(/s3cr3t|echo/);

      agent.close();
      const connections = await timeline('connected,disconnected', 2);
      expect(connections.map(e => e.type)).toEqual([
        'disconnected',
        'connected',
      ]);

      // no heartbeat for three intervals: the status task marks it and says so, once
      await knex('instances')
        .where({ id: instanceId })
        .update({ status: 'running' });
      await knex('instance_liveness')
        .where({ instance_id: instanceId })
        .update({ last_heartbeat_at: new Date(0) });
      await scheduler.run('sindri-instance-status');
      // another replica's run marks nothing more: the event is there once
      await scheduler.run('sindri-instance-status');
      const [lost] = await timeline('heartbeat-lost', 1);
      expect(lost).toMatchObject({
        severity: 'error',
        data: { reason: 'overdue' },
      });
      await request(server)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${token}`)
        .send({
          frames: [heartbeat()],
        })
        .expect(200);
      const [recovered] = await timeline('recovered', 1);
      expect(recovered.severity).toBe('info');
      expect(await timeline('heartbeat-lost', 1)).toHaveLength(1);
    },
  );
});
