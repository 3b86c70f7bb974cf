import path from 'node:path';
import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { Knex } from 'knex';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { pollUntil } from '@internal/plugin-sindri-common';
import { RoundRobinProxy } from '@internal/plugin-sindri-node/testUtils';
import { ReattachingTerminal } from '../__testUtils__/ReattachingTerminal';
import { SimulatedAgent } from '../__testUtils__/SimulatedAgent';
import { countRows, producedAndStored } from '../__testUtils__/fleetSamples';

jest.setTimeout(240_000);

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');
const AGENTS = 100;
const LINES = 500;
const auth = mockCredentials.user.header('user:default/ops');

const startReplica = (knex: Knex) =>
  startTestBackend({
    features: [
      sindriPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          sindri: {
            registry: { path: registryDir },
            // the test backend's scheduler runs each task once, at start, so leases are not renewed: one must outlast the test (a graceful stop gives it up at once)
            replicas: { lease: { minutes: 10 } },
          },
        },
      }),
    ],
  });

type Replica = Awaited<ReturnType<typeof startReplica>>;
const portOf = (replica: Replica) =>
  (replica.server.address() as AddressInfo).port;

/** Each of 1..LINES appears, and their first appearances are in order. */
function linesInOrder(output: string): number[] {
  const seen: number[] = [];
  for (const match of output.matchAll(/L(\d+)\r?\n/g)) {
    const n = Number(match[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  return seen;
}

describe('two replicas behind a load balancer', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'restarting each replica in turn loses no sample, no terminal output and no command result, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const replicas: Replica[] = [
        await startReplica(knex),
        await startReplica(knex),
      ];
      const proxy = await RoundRobinProxy.start(replicas.map(portOf));

      const names = Array.from(
        { length: AGENTS },
        (_, i) => `sim-${String(i).padStart(3, '0')}`,
      );
      const agents: SimulatedAgent[] = [];
      for (const name of names) {
        const enrolled = await request(replicas[0].server)
          .post('/api/sindri/enrollments')
          .set('Authorization', auth)
          .send({ name, owner: 'group:default/platform' });
        expect(enrolled.status).toBe(201);
        agents.push(
          new SimulatedAgent({
            consoleUrl: `http://127.0.0.1:${proxy.port}`,
            token: enrolled.body.token,
            name,
            // five times the default rates, not twenty: the suite runs other real-agent tests beside this one
            heartbeatMs: 2000,
            metricsMs: 6000,
          }),
        );
      }
      agents.forEach(a => a.start());
      const linked = () => countRows(knex, 'sindri_agent_links');
      await pollUntil(
        async () => (await linked()) === AGENTS,
        'every agent linked',
        60_000,
      );
      // the balancer spread them: both replicas hold agents
      const holders = await knex('sindri_agent_links')
        .groupBy('replica_id')
        .select('replica_id', knex.raw('count(*) as n'));
      expect(holders).toHaveLength(2);

      // two terminals stream while everything restarts
      const terminals = ['sim-000', 'sim-001'].map(
        name => new ReattachingTerminal(proxy.port, name, `rolling-${name}`),
      );
      for (const t of terminals) {
        t.start();
        t.type(
          `for i in $(seq 1 ${LINES}); do echo L$i; sleep 0.04; done; echo DONE$((40+2))\r`,
        );
      }
      await pollUntil(
        () => terminals.every(t => /L5\r?\n/.test(t.output)),
        'both terminals streaming',
      );

      // a fan-out command over every instance, running across the restarts
      const started = await request(`http://127.0.0.1:${proxy.port}`)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({
          target: { instances: names },
          command: { argv: ['sh', '-c', 'echo started; sleep 8; echo ok'] },
          timeoutSeconds: 120,
          concurrency: AGENTS,
        });
      expect(started.status).toBe(201);
      // every agent started it (the replica driving the run streams its output)
      const startedEverywhere = async () => {
        for (const replica of replicas) {
          const run = await request(replica.server)
            .get(`/api/sindri/commands/${started.body.id}`)
            .set('Authorization', auth);
          if (
            run.body.results?.every((r: { stdout: string }) =>
              r.stdout.includes('started'),
            )
          )
            return true;
        }
        return false;
      };
      await pollUntil(
        startedEverywhere,
        'the command running everywhere',
        60_000,
      );

      for (const index of [0, 1]) {
        await replicas[index].stop();
        proxy.setTarget(index, undefined);
        replicas[index] = await startReplica(knex);
        proxy.setTarget(index, portOf(replicas[index]));
        await pollUntil(
          async () => (await countRows(knex, 'sindri_agent_links')) === AGENTS,
          'every agent linked again',
          60_000,
        );
      }

      // no terminal output lost: every line, in order, through re-attaches and replays
      await pollUntil(
        () => terminals.every(t => t.output.includes('DONE42')),
        'both terminals to finish',
        90_000,
      );
      for (const t of terminals) {
        expect(t.attaches).toBeGreaterThan(1);
        expect(linesInOrder(t.output)).toEqual(
          Array.from({ length: LINES }, (_, i) => i + 1),
        );
        t.stop();
      }

      // no command result lost
      await pollUntil(
        async () =>
          (
            await knex('command_runs').where({ id: started.body.id }).first()
          ).state === 'done',
        'the command run to end',
        60_000,
      );
      const states = await knex('command_results')
        .where({ run_id: started.body.id })
        .select('instance_name', 'state', 'message', 'stdout_tail');
      expect(states.filter(s => s.state === 'succeeded')).toHaveLength(AGENTS);
      // with all of its output, though the replica that streamed it stopped
      expect(
        states.filter(s => s.stdout_tail === 'started\nok\n'),
      ).toHaveLength(AGENTS);

      // no sample lost, none stored twice
      const { produced, stored } = await producedAndStored(knex, agents);
      expect(stored).toEqual(produced);

      await Promise.all(agents.map(a => a.stop()));
      await proxy.close();
      for (const r of replicas) await r.stop();
    },
  );
});
