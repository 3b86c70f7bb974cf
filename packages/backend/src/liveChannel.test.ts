import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { Agent, resolveConfig } from 'sindri-agent';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { openTerminal } from './__testUtils__/live';
import { pollUntil } from '@internal/plugin-sindri-common';

// each test waits for several things in turn (agents registering, runs finishing), each bounded on its own
jest.setTimeout(300_000);

const registryDir = path.resolve(__dirname, '../../../registry/sindri-v3');
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const userAuth = mockCredentials.user.header('user:default/ops');

/** A real agent for `name`, its shells and commands in a workspace of their own, with no dotfiles. */
async function startAgent(port: number, server: any, name: string) {
  const enrolled = await request(server)
    .post('/api/sindri/enrollments')
    .set('Authorization', userAuth)
    .send({ name, owner: 'group:default/platform' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sindri-live-${name}-`));
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(workspace);
  const agent = new Agent(
    resolveConfig(
      {
        'console-url': `http://127.0.0.1:${port}`,
        name,
        'state-dir': dir,
        workspace,
        shell: '/bin/bash',
        'metrics-interval': '3600',
      },
      { HOME: dir, SINDRI_AGENT_TOKEN: enrolled.body.token },
    ),
    silent,
  );
  await agent.start();
  await pollUntil(
    async () =>
      (
        await request(server)
          .get(`/api/sindri/instances/${name}`)
          .set('Authorization', userAuth)
      ).status === 200,
    `${name} to register`,
  );
  return { agent, workspace };
}

describe('terminals and commands through real agents', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const agents: Agent[] = [];

  afterEach(async () => {
    await Promise.all(agents.splice(0).map(a => a.flushAndStop(2000)));
  });

  it.each(databases.eachSupportedId())(
    'runs a shell: 42, replay after a reconnect, and a flood held back until the viewer acknowledges, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      const port = (backend.server.address() as net.AddressInfo).port;
      const { agent } = await startAgent(port, backend.server, 'dev-1');
      agents.push(agent);

      const first = openTerminal(port, 'dev-1', 'real-session-1');
      await first.opened;
      first.type('echo $((6*7))\r');
      await pollUntil(() => /\r42\r\n/.test(first.output), 'the answer 42');
      first.ws.close();

      // re-attach: the replay brings back what the shell showed
      const again = openTerminal(port, 'dev-1', 'real-session-1');
      await again.opened;
      await pollUntil(
        () =>
          again.output.includes('echo $((6*7))') &&
          /\r42\r\n/.test(again.output),
        'the replay',
      );

      // flood without acknowledging: the shell is paused near the high-water mark
      again.autoAck = false;
      const before = again.received;
      again.type('seq 1 1500000\r');
      await new Promise(r => setTimeout(r, 1500));
      const held = again.received - before;
      await new Promise(r => setTimeout(r, 500));
      expect(again.received - before).toBe(held);
      // the window (512 KiB) plus what was in flight in the agent's socket and PTY
      expect(held).toBeLessThan(4 * 1024 * 1024);
      expect(held).toBeGreaterThan(256 * 1024);

      // acknowledging lets it finish: every line, in order
      again.autoAck = true;
      again.ack();
      await pollUntil(
        () => again.output.includes('\r\n1500000\r\n'),
        'the end of the flood',
        60_000,
      );
      const lines = again.output
        .slice(again.output.indexOf('seq 1 1500000'))
        .split('\r\n')
        .map(l => l.slice(l.lastIndexOf('\r') + 1))
        .filter(l => /^\d+$/.test(l));
      expect(lines.length).toBe(1500000);
      expect(lines.every((line, i) => Number(line) === i + 1)).toBe(true);

      again.type('exit\r');
      await pollUntil(
        async () =>
          (await knex('terminal_sessions').whereNotNull('ended_at')).length ===
          1,
        'the audit row to end',
      );
      const [row] = await knex('terminal_sessions');
      expect(row).toMatchObject({
        session_id: 'real-session-1',
        opened_by: 'user:default/ops',
        exit_code: 0,
        end_reason: 'exited',
      });
      expect(Number(row.bytes_out)).toBeGreaterThan(2_000_000);
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'fans a command out: one instance succeeds, one fails, one is unreachable, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      const port = (backend.server.address() as net.AddressInfo).port;
      const one = await startAgent(port, backend.server, 'dev-1');
      const two = await startAgent(port, backend.server, 'dev-2');
      const three = await startAgent(port, backend.server, 'dev-3');
      agents.push(one.agent, two.agent);
      fs.writeFileSync(
        path.join(one.workspace, 'marker.txt'),
        'only on dev-1\n',
      );
      // dev-3 is a registered instance whose agent has gone away
      await three.agent.flushAndStop(2000);
      await new Promise(r => setTimeout(r, 200));

      const started = await request(backend.server)
        .post('/api/sindri/commands')
        .set('Authorization', userAuth)
        .send({
          target: { instances: ['dev-1', 'dev-2', 'dev-3'] },
          command: { argv: ['cat', 'marker.txt'] },
          timeoutSeconds: 30,
          concurrency: 2,
        });
      expect(started.status).toBe(201);

      let run: any;
      await pollUntil(async () => {
        run = (
          await request(backend.server)
            .get(`/api/sindri/commands/${started.body.id}`)
            .set('Authorization', userAuth)
        ).body;
        return run.state === 'done';
      }, 'the run to finish');
      expect(run.counts).toEqual({ succeeded: 1, failed: 1, unreachable: 1 });
      const byName = Object.fromEntries(
        run.results.map((r: any) => [r.instance, r]),
      );
      expect(byName['dev-1']).toMatchObject({
        state: 'succeeded',
        exitCode: 0,
        stdout: 'only on dev-1\n',
        stdoutBytes: 14,
      });
      expect(byName['dev-2']).toMatchObject({
        state: 'failed',
        exitCode: 1,
        stdoutBytes: 0,
      });
      expect(byName['dev-2'].stderr).toMatch(
        /marker\.txt: No such file or directory/,
      );
      expect(byName['dev-3']).toMatchObject({ state: 'unreachable' });
      expect(byName['dev-1'].durationMs).toBeGreaterThanOrEqual(0);

      // a timeout ends a command that runs too long
      const slow = await request(backend.server)
        .post('/api/sindri/commands')
        .set('Authorization', userAuth)
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['sleep', '30'] },
          timeoutSeconds: 1,
        });
      await pollUntil(
        async () => {
          run = (
            await request(backend.server)
              .get(`/api/sindri/commands/${slow.body.id}`)
              .set('Authorization', userAuth)
          ).body;
          return run.state === 'done';
        },
        'the slow run to time out',
        15_000,
      );
      expect(run.results[0]).toMatchObject({
        instance: 'dev-1',
        state: 'timeout',
      });
      await backend.stop();
    },
  );
});
