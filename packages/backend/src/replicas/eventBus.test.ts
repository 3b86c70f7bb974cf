import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import eventsBackend from '@backstage/plugin-events-backend';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import request from 'supertest';
import { Knex } from 'knex';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { pollUntil } from '@internal/plugin-sindri-common';
import {
  INSTANCE_CHANGED_TOPIC,
  InstanceChangedPayload,
} from '@internal/plugin-sindri-node';
import { SimulatedAgent } from '../__testUtils__/SimulatedAgent';

jest.setTimeout(120_000);

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');
const auth = mockCredentials.user.header('user:default/ops');

/** A plugin that hears instance changes, as the catalog module does, and keeps them. */
const listener = (heard: InstanceChangedPayload[]) =>
  createBackendPlugin({
    pluginId: 'listener',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'instances',
            topics: [INSTANCE_CHANGED_TOPIC],
            onEvent: async ({ eventPayload }) => {
              heard.push(eventPayload as InstanceChangedPayload);
            },
          });
        },
      });
    },
  });

const startReplica = (knex: Knex, extra: any[] = []) =>
  startTestBackend({
    features: [
      sindriPlugin,
      eventsBackend,
      // the real events service, which uses the events backend's bus when it is there
      eventsServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          // a stopping replica waits for the bus's open long polls: short ones here
          events: { notifyTimeoutMs: 2000 },
          sindri: {
            registry: { path: registryDir },
            replicas: { lease: { minutes: 10 } },
          },
        },
      }),
      ...extra,
    ],
  });

describe('the events bus across replicas', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'an instance change published on one replica reaches a subscriber that runs only on the other, once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const heardOnB: InstanceChangedPayload[] = [];
      const a = await startReplica(knex);
      const b = await startReplica(knex, [listener(heardOnB)]);

      const enrolled = await request(a.server)
        .post('/api/sindri/enrollments')
        .set('Authorization', auth)
        .send({ name: 'bus-1', owner: 'group:default/platform' });
      expect(enrolled.status).toBe(201);
      const port = (a.server.address() as { port: number }).port;
      const agent = new SimulatedAgent({
        consoleUrl: `http://127.0.0.1:${port}`,
        token: enrolled.body.token,
        name: 'bus-1',
        heartbeatMs: 1000,
        metricsMs: 5000,
      });
      agent.start();

      // the agent registered on A; B, which has no agent, hears of it through the database
      await pollUntil(
        () => heardOnB.some(p => p.instance.name === 'bus-1'),
        'the change heard on the other replica',
        30_000,
      );
      // and once: the agent registered once
      await new Promise(r => setTimeout(r, 2000));
      expect(
        heardOnB.filter(
          p => p.instance.name === 'bus-1' && p.reason === 'registered',
        ),
      ).toMatchObject([{ first: true, instance: { status: 'running' } }]);

      await agent.stop();
      await a.stop();
      await b.stop();
    },
  );
});
