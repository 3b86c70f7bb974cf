import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import request from 'supertest';
import { Agent, resolveConfig } from 'sindri-agent';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { pollUntil } from '@internal/plugin-sindri-common';

jest.setTimeout(300_000);

const registryDir = path.resolve(__dirname, '../../../registry/sindri-v3');
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const ops = mockCredentials.user.header('user:default/ops');
const HMAC_KEY = 'receiver-shared-key';

/** The instance's entity and its owning group, whose member ops is: the notification's recipients. */
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'hot-1', namespace: 'default' },
    spec: { type: 'sindri-instance', owner: 'group:default/platform' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/platform' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/ops' }],
  },
];

/** A webhook receiver that checks the signature as a real one would. */
async function signedReceiver() {
  const received: Array<{ transition: string; alert: any; verified: boolean }> =
    [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const [, t, v1] =
        /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
          String(req.headers['x-sindri-signature']),
        ) ?? [];
      const expected = crypto
        .createHmac('sha256', HMAC_KEY)
        .update(`${t}.${body}`)
        .digest('hex');
      const verified =
        Boolean(v1) &&
        crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
      const json = JSON.parse(body);
      received.push({
        transition: json.transition,
        alert: json.alert,
        verified,
      });
      res.end();
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
    received,
    close: () => new Promise(r => server.close(r)),
  };
}

/** Keeps every core of this machine busy until stopped. */
function burnCpu(): ChildProcess[] {
  return os
    .cpus()
    .map(() =>
      spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
    );
}

describe('alerts from a real agent', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let agent: Agent | undefined;
  let burners: ChildProcess[] = [];

  afterEach(async () => {
    burners.forEach(b => b.kill('SIGKILL'));
    await agent?.flushAndStop(2000);
  });

  it.each(databases.eachSupportedId())(
    'CPU driven over the threshold fires the rule: a signed webhook and a notification to the owners; it resolves when the load ends, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          notificationsBackend,
          signalsBackend,
          catalogServiceMock.factory({ entities }),
          // the real scheduler: the evaluation runs as a distributed task, as in production
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://portal.test' },
              sindri: {
                registry: { path: registryDir },
                alerts: {
                  evaluationIntervalSeconds: 1,
                  secretKey: 'a-test-key-of-at-least-32-characters!',
                },
              },
            },
          }),
        ],
      });
      const { server } = backend;
      const port = (server.address() as net.AddressInfo).port;
      const api = (method: 'get' | 'post' | 'put', p: string) =>
        request(server)[method](p).set('Authorization', ops);
      const hook = await signedReceiver();
      try {
        const channel = await api('post', '/api/sindri/alert-channels').send({
          name: 'receiver',
          type: 'webhook',
          url: hook.url,
          secret: HMAC_KEY,
        });
        expect(channel.status).toBe(201);
        const ruleInput = {
          name: 'hot-1 CPU',
          enabled: true,
          condition: {
            kind: 'metric',
            metric: 'cpu',
            threshold: 85,
            forSeconds: 2,
          },
          scope: { kind: 'instance', ref: 'hot-1' },
          severity: 'critical',
          channels: [channel.body.id],
          notifyOwners: true,
          resolveAfterSeconds: 2,
        };
        const rule = await api('post', '/api/sindri/alert-rules').send(
          ruleInput,
        );
        expect(rule.status).toBe(201);

        const enrolled = await api('post', '/api/sindri/enrollments').send({
          name: 'hot-1',
          owner: 'group:default/platform',
        });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-alerts-'));
        agent = new Agent(
          resolveConfig(
            {
              'console-url': `http://127.0.0.1:${port}`,
              name: 'hot-1',
              'state-dir': dir,
              workspace: dir,
              'metrics-interval': '1',
            },
            { HOME: dir, SINDRI_AGENT_TOKEN: enrolled.body.token },
          ),
          silent,
        );
        await agent.start();

        burners = burnCpu();
        await pollUntil(
          () => hook.received.some(r => r.transition === 'fired'),
          'the signed webhook of the firing alert',
          120_000,
        );
        const fired = hook.received.find(r => r.transition === 'fired')!;
        expect(fired.verified).toBe(true);
        expect(fired.alert).toMatchObject({
          ruleName: 'hot-1 CPU',
          instance: 'hot-1',
          state: 'firing',
          severity: 'critical',
        });
        expect(fired.alert.value).toBeGreaterThan(85);

        // the owners' notification, as the notifications backend shows it to a member of the owning group
        await pollUntil(
          async () =>
            (
              await api('get', '/api/notifications/notifications')
            ).body.notifications?.length > 0,
          "the owner's notification",
          30_000,
        );
        const [notification] = (
          await api('get', '/api/notifications/notifications')
        ).body.notifications;
        expect(notification.payload).toMatchObject({
          title: 'Firing: hot-1 CPU on hot-1',
          severity: 'critical',
          link: `http://portal.test/sindri/alerts?alert=${fired.alert.id}`,
        });

        burners.forEach(b => b.kill('SIGKILL'));
        burners = [];
        // the load ends; and on a runner whose other tests keep the CPU busy,
        // the threshold rises past what a CPU can reach, so the rule stops holding
        expect(
          (
            await api('put', `/api/sindri/alert-rules/${rule.body.id}`).send({
              ...ruleInput,
              condition: { ...ruleInput.condition, threshold: 100 },
            })
          ).status,
        ).toBe(200);
        await pollUntil(
          () => hook.received.some(r => r.transition === 'resolved'),
          'the webhook of the resolved alert',
          90_000,
        );
        const resolved = hook.received.find(r => r.transition === 'resolved')!;
        expect(resolved.verified).toBe(true);
        expect(resolved.alert).toMatchObject({
          id: fired.alert.id,
          state: 'resolved',
        });
        // one alert, one message each way
        expect(hook.received.map(r => r.transition)).toEqual([
          'fired',
          'resolved',
        ]);
        const deliveries = await api(
          'get',
          `/api/sindri/alerts/${fired.alert.id}/deliveries`,
        );
        expect(
          deliveries.body.items.map((d: any) => [
            d.channel.type,
            d.transition,
            d.state,
          ]),
        ).toEqual([
          ['notifications', 'fired', 'delivered'],
          ['webhook', 'fired', 'delivered'],
          ['notifications', 'resolved', 'delivered'],
          ['webhook', 'resolved', 'delivered'],
        ]);
        const events = await api(
          'get',
          '/api/sindri/instances/hot-1/events?type=alert-fired,alert-resolved',
        );
        expect(events.body.items.map((e: any) => e.type)).toEqual([
          'alert-resolved',
          'alert-fired',
        ]);
      } finally {
        await hook.close();
      }
    },
  );
});
