import crypto from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Knex } from 'knex';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { AlertRuleInput, MetricsSample } from '@internal/plugin-sindri-common';
import { migrateUp } from '../database/migrations';
import { SampleWriter } from '../database/SampleWriter';
import { EventService } from '../events/EventService';
import { EventStore } from '../events/EventStore';
import { AlertChannelStore } from './AlertChannelStore';
import { AlertDispatcher, RETRY_DELAYS_MS } from './AlertDispatcher';
import { AlertEvaluator } from './AlertEvaluator';
import { AlertRuleStore } from './AlertRuleStore';
import { AlertStore } from './AlertStore';
import { DeliveryStore } from './DeliveryStore';
import { SecretBox } from './SecretBox';
import { signWebhook } from './channelRequests';

jest.setTimeout(60_000);

const SECRET_KEY = 'a-test-key-of-at-least-32-characters!';
const T0 = new Date('2026-12-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A local receiver that answers with the statuses it is given, then 200, and keeps what it got. */
async function receiver(statuses: number[] = []) {
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> =
    [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => server.close() };
}

async function engine(knex: Knex) {
  await migrateUp(knex);
  const logger = mockServices.logger.mock();
  const alerts = new AlertStore(knex);
  const rules = new AlertRuleStore(knex);
  const channels = new AlertChannelStore(knex, new SecretBox(SECRET_KEY));
  const deliveries = new DeliveryStore(knex);
  const events = new EventService(new EventStore(knex), logger);
  const notifications = { send: jest.fn(async () => {}) };
  const evaluator = new AlertEvaluator({
    knex,
    rules,
    alerts,
    channels,
    deliveries,
    events,
    logger,
  });
  const dispatcher = new AlertDispatcher({
    deliveries,
    alerts,
    channels,
    notifications,
    logger,
    alertsPageUrl: 'http://portal.test/sindri/alerts',
  });
  // only the rule under test
  await knex('sindri_alert_rules').update({ enabled: false });
  await knex('instances').insert({
    id: 'i-1',
    name: 'dev-1',
    owner: 'group:default/platform',
    provider: 'fly',
    status: 'running',
  });
  return {
    alerts,
    rules,
    channels,
    deliveries,
    evaluator,
    dispatcher,
    notifications,
  };
}

async function sampleCpu(knex: Knex, when: Date, percent: number) {
  await new SampleWriter(knex).metrics('i-1', {
    id: crypto.randomUUID(),
    at: when.toISOString(),
    cpu: { percent },
  } as MetricsSample);
}

const cpuRule = (channels: string[]): AlertRuleInput => ({
  name: 'CPU above 80',
  enabled: true,
  condition: { kind: 'metric', metric: 'cpu', threshold: 80, forSeconds: 60 },
  scope: { kind: 'fleet' },
  severity: 'critical',
  channels,
  notifyOwners: true,
  resolveAfterSeconds: 120,
});

describe('the alert engine', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'takes an alert from pending to firing to resolved, one alert for a flapping instance, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const e = await engine(knex);
      const hook = await receiver();
      try {
        const channel = await e.channels.create(
          {
            name: 'ops hook',
            type: 'webhook',
            url: hook.url,
            secret: 'hmac-key',
          },
          'user:default/ops',
        );
        await e.rules.create(cpuRule([channel.id]), 'user:default/ops');

        await sampleCpu(knex, at(0), 95);
        expect(await e.evaluator.evaluate(at(0))).toEqual({
          pending: 1,
          fired: 0,
          resolved: 0,
        });
        expect(
          (await e.alerts.page({ limit: 10, groups: 'all' })).items,
        ).toMatchObject([{ state: 'pending', instance: 'dev-1', value: 95 }]);
        // held, but not yet for 60 s
        await sampleCpu(knex, at(30), 97);
        expect(await e.evaluator.evaluate(at(30))).toEqual({
          pending: 0,
          fired: 0,
          resolved: 0,
        });
        await sampleCpu(knex, at(60), 96);
        expect(await e.evaluator.evaluate(at(60))).toEqual({
          pending: 0,
          fired: 1,
          resolved: 0,
        });
        const [firing] = (await e.alerts.page({ limit: 10, groups: 'all' }))
          .items;
        expect(firing).toMatchObject({
          state: 'firing',
          firedAt: at(60).toISOString(),
          summary: 'CPU at 96 % (above 80 %)',
        });

        // flapping: below, above, below within resolveAfterSeconds keeps the one alert and sends nothing more
        for (const [s, cpu] of [
          [90, 10],
          [120, 99],
          [150, 10],
        ]) {
          await sampleCpu(knex, at(s), cpu);
          expect(await e.evaluator.evaluate(at(s))).toEqual({
            pending: 0,
            fired: 0,
            resolved: 0,
          });
        }
        expect(
          (await e.alerts.page({ limit: 10, groups: 'all' })).items,
        ).toHaveLength(1);
        // quiet for 120 s since it last held (at 120 s): resolved
        await sampleCpu(knex, at(240), 10);
        expect(await e.evaluator.evaluate(at(240))).toEqual({
          pending: 0,
          fired: 0,
          resolved: 1,
        });
        expect(
          (await e.alerts.page({ limit: 10, groups: 'all' })).items,
        ).toMatchObject([
          {
            id: firing.id,
            state: 'resolved',
            resolvedAt: at(240).toISOString(),
          },
        ]);

        // two messages per channel, fired and resolved; the webhook's are signed
        expect(await e.dispatcher.deliverDue(at(240))).toBe(4);
        expect(e.notifications.send).toHaveBeenCalledTimes(2);
        expect(e.notifications.send).toHaveBeenLastCalledWith({
          recipients: { type: 'entity', entityRef: 'resource:default/dev-1' },
          payload: expect.objectContaining({
            title: 'Resolved: CPU above 80 on dev-1',
            scope: `sindri-alert:${firing.id}`,
            link: `http://portal.test/sindri/alerts?alert=${firing.id}`,
          }),
        });
        expect(hook.received.map(r => JSON.parse(r.body).transition)).toEqual([
          'fired',
          'resolved',
        ]);
        for (const { headers, body } of hook.received) {
          const signature = String(headers['x-sindri-signature']);
          const t = Number(/t=(\d+)/.exec(signature)![1]);
          expect(signature).toBe(
            signWebhook('hmac-key', body, new Date(t * 1000)),
          );
        }
        const timeline = await knex('sindri_events')
          .where('instance_id', 'i-1')
          .orderBy('id')
          .select('type');
        expect(timeline.map(r => r.type)).toEqual([
          'alert-fired',
          'alert-resolved',
        ]);

        // an instance that stopped reporting: its last samples do not hold the rule
        await knex('instances')
          .where({ id: 'i-1' })
          .update({ status: 'unresponsive' });
        await sampleCpu(knex, at(300), 99);
        expect(await e.evaluator.evaluate(at(300))).toEqual({
          pending: 0,
          fired: 0,
          resolved: 0,
        });
      } finally {
        hook.close();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'retries a failing receiver with backoff, logs every attempt, and sends nothing for a silenced alert, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const e = await engine(knex);
      const hook = await receiver([500, 503]);
      try {
        const channel = await e.channels.create(
          {
            name: 'flaky',
            type: 'pagerduty',
            url: hook.url,
            secret: 'R0UT1NGKEY',
          },
          'user:default/ops',
        );
        await e.rules.create(
          {
            ...cpuRule([channel.id]),
            notifyOwners: false,
            condition: { kind: 'heartbeat-lost', forSeconds: 0 },
            resolveAfterSeconds: 0,
          },
          'user:default/ops',
        );
        await knex('instances')
          .where({ id: 'i-1' })
          .update({ status: 'unresponsive' });
        expect(await e.evaluator.evaluate(at(0))).toMatchObject({ fired: 1 });
        const [alert] = (await e.alerts.page({ limit: 1, groups: 'all' }))
          .items;

        expect(await e.dispatcher.deliverDue(at(0))).toBe(0);
        // not due again before its backoff
        expect(await e.dispatcher.deliverDue(at(5))).toBe(0);
        expect(
          await e.dispatcher.deliverDue(at(RETRY_DELAYS_MS[0] / 1000)),
        ).toBe(0);
        expect(
          await e.dispatcher.deliverDue(
            at(RETRY_DELAYS_MS[0] / 1000 + RETRY_DELAYS_MS[1] / 1000),
          ),
        ).toBe(1);
        expect(await e.deliveries.forAlert(alert.id)).toMatchObject([
          {
            channel: { type: 'pagerduty', name: 'flaky' },
            transition: 'fired',
            state: 'delivered',
            attempts: 3,
            lastStatus: 200,
          },
        ]);
        // PagerDuty's Events API v2 trigger, deduplicated by the alert id
        expect(JSON.parse(hook.received[2].body)).toMatchObject({
          routing_key: 'R0UT1NGKEY',
          event_action: 'trigger',
          dedup_key: alert.id,
          payload: { source: 'dev-1', severity: 'critical' },
        });

        // silenced: resolving sends nothing
        await e.alerts.silence(alert.id, 'user:default/ops', at(3600));
        await knex('instances')
          .where({ id: 'i-1' })
          .update({ status: 'running' });
        expect(await e.evaluator.evaluate(at(100))).toMatchObject({
          resolved: 1,
        });
        expect(await e.dispatcher.deliverDue(at(100))).toBe(0);
        expect(hook.received).toHaveLength(3);

        // the secret is sealed in the database, not written in the clear
        const stored = await knex('sindri_alert_channels').first();
        expect(JSON.stringify(stored)).not.toContain('R0UT1NGKEY');
        expect((await e.channels.list())[0]).toEqual(
          expect.objectContaining({ secretSet: true }),
        );
        expect(JSON.stringify(await e.channels.list())).not.toContain(
          'R0UT1NGKEY',
        );
      } finally {
        hook.close();
      }
    },
  );
});
