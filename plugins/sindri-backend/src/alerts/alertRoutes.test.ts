import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { manualScheduler } from '../__testUtils__/manualScheduler';
import { enroll, startLiveBackend } from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

const ops = mockCredentials.user.header('user:default/ops');
const SECRET_KEY = 'a-test-key-of-at-least-32-characters!';

describe('the alert routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'manage rules and channels (secrets never shown), list, acknowledge and silence alerts, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = manualScheduler();
      const { server } = await startLiveBackend(knex, {
        config: { alerts: { secretKey: SECRET_KEY } },
        features: [scheduler.factory],
      });
      const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
        request(server)[method](`/api/sindri${path}`).set('Authorization', ops);

      // the default rules ship enabled
      const rules = await api('get', '/alert-rules');
      expect(rules.status).toBe(200);
      expect(rules.body.items).toHaveLength(12);
      expect(rules.body.items.every((r: any) => r.enabled && r.builtin)).toBe(
        true,
      );

      // bad input: a 400 naming the field, nothing stored
      const badRule = await api('post', '/alert-rules').send({
        name: 'too hot',
        enabled: true,
        condition: {
          kind: 'metric',
          metric: 'cpu',
          threshold: 150,
          forSeconds: 0,
        },
        scope: { kind: 'fleet' },
        severity: 'warning',
        channels: [],
        notifyOwners: true,
        resolveAfterSeconds: 0,
      });
      expect(badRule.status).toBe(400);
      expect(badRule.body.error.message).toMatch(/threshold/);
      const badScope = await api('post', '/alert-rules').send({
        ...rules.body.items[0],
        id: undefined,
        builtin: undefined,
        updatedAt: undefined,
        updatedBy: undefined,
        scope: { kind: 'group', ref: 'user:default/pat' },
      });
      expect(badScope.status).toBe(400);
      expect(badScope.body.error.message).toMatch(/scope\.ref/);
      const noSecret = await api('post', '/alert-channels').send({
        name: 'hook',
        type: 'webhook',
        url: 'http://127.0.0.1:9/hook',
      });
      expect(noSecret.status).toBe(400);
      expect(noSecret.body.error.message).toMatch(/secret/);
      expect((await api('get', '/alert-channels')).body.items).toEqual([]);

      const channel = await api('post', '/alert-channels').send({
        name: 'slack',
        type: 'slack',
        secret: 'https://hooks.slack.example/services/T0/B0/s3cr3t',
      });
      expect(channel.status).toBe(201);
      expect(channel.body).toMatchObject({ type: 'slack', secretSet: true });
      expect(JSON.stringify(channel.body)).not.toContain('s3cr3t');
      const unknownChannel = await api('post', '/alert-rules').send({
        name: 'lost',
        enabled: true,
        condition: { kind: 'heartbeat-lost', forSeconds: 0 },
        scope: { kind: 'instance', ref: 'dev-1' },
        severity: 'critical',
        channels: ['5e6d0c1a-0000-4000-8000-00000000ffff'],
        notifyOwners: false,
        resolveAfterSeconds: 0,
      });
      expect(unknownChannel.status).toBe(400);
      expect(unknownChannel.body.error.message).toMatch(/channels/);

      const rule = await api('post', '/alert-rules').send({
        name: 'dev-1 lost',
        enabled: true,
        condition: { kind: 'heartbeat-lost', forSeconds: 0 },
        scope: { kind: 'instance', ref: 'dev-1' },
        severity: 'critical',
        channels: [channel.body.id],
        notifyOwners: false,
        resolveAfterSeconds: 0,
      });
      expect(rule.status).toBe(201);
      expect(rule.body.updatedBy).toBe('user:default/ops');

      // an unresponsive instance: the rule and the default heartbeat rule fire
      const { instanceId } = await enroll(server, 'dev-1');
      await knex('instances')
        .where({ id: instanceId })
        .update({ status: 'unresponsive' });
      await scheduler.run('sindri-alerts');
      const firing = await api('get', '/alerts?state=firing&instance=dev-1');
      expect(firing.body.items.map((a: any) => a.ruleName).sort()).toEqual([
        'Heartbeat lost',
        'dev-1 lost',
      ]);
      const alert = firing.body.items.find(
        (a: any) => a.ruleName === 'dev-1 lost',
      );

      const acked = await api('post', `/alerts/${alert.id}/acknowledge`);
      expect(acked.body.acknowledged).toEqual({
        by: 'user:default/ops',
        at: expect.any(String),
      });
      expect(
        (await api('post', `/alerts/${alert.id}/silence`).send({ minutes: 0 }))
          .status,
      ).toBe(400);
      const silenced = await api('post', `/alerts/${alert.id}/silence`).send({
        minutes: 30,
      });
      expect(silenced.body.silenced.by).toBe('user:default/ops');
      expect(
        (await api('delete', `/alerts/${alert.id}/silence`)).body.silenced,
      ).toBeUndefined();

      // the Slack message was attempted (the example host does not answer) and is due again
      const deliveries = await api('get', `/alerts/${alert.id}/deliveries`);
      expect(deliveries.body.items).toMatchObject([
        {
          channel: { type: 'slack', name: 'slack' },
          transition: 'fired',
          state: 'pending',
          attempts: 1,
        },
      ]);
      expect(JSON.stringify(deliveries.body)).not.toContain('s3cr3t');
      expect(
        (await api('get', '/alerts/01ARZ3NDEKTSV4RRFFQ69G5FAV/deliveries'))
          .status,
      ).toBe(404);

      // removing the channel takes it out of the rule
      expect(
        (await api('delete', `/alert-channels/${channel.body.id}`)).status,
      ).toBe(204);
      const after = (await api('get', '/alert-rules')).body.items.find(
        (r: any) => r.id === rule.body.id,
      );
      expect(after.channels).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuse what the policy denies, and hide the alerts of instances the caller may not read, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = manualScheduler();
      const { server } = await startLiveBackend(knex, {
        denied: ['sindri.alert.manage', 'sindri.alert.respond'],
        features: [scheduler.factory],
      });
      const api = (method: 'get' | 'post', path: string) =>
        request(server)[method](`/api/sindri${path}`).set('Authorization', ops);
      expect((await api('get', '/alert-rules')).status).toBe(200);
      expect((await api('get', '/alert-channels')).status).toBe(403);
      const denied = await api('post', '/alert-rules').send({
        name: 'lost',
        enabled: true,
        condition: { kind: 'heartbeat-lost', forSeconds: 0 },
        scope: { kind: 'fleet' },
        severity: 'critical',
        channels: [],
        notifyOwners: true,
        resolveAfterSeconds: 0,
      });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/sindri\.alert\.manage/);

      const { instanceId } = await enroll(server, 'dev-2');
      await knex('instances')
        .where({ id: instanceId })
        .update({ status: 'unresponsive' });
      await scheduler.run('sindri-alerts');
      const [alert] = (await api('get', '/alerts?state=open')).body.items;
      expect(alert.ruleName).toBe('Heartbeat lost');
      const ack = await api('post', `/alerts/${alert.id}/acknowledge`);
      expect(ack.status).toBe(403);
      expect(ack.body.error.message).toMatch(/sindri\.alert\.respond/);

      const blind = await startLiveBackend(knex, {
        denied: ['sindri.instance.read'],
      });
      const asBlind = (path: string) =>
        request(blind.server)
          .get(`/api/sindri${path}`)
          .set('Authorization', ops);
      expect((await asBlind('/alerts')).status).toBe(403);
      expect((await asBlind(`/alerts/${alert.id}/deliveries`)).status).toBe(
        404,
      );
    },
  );
});
