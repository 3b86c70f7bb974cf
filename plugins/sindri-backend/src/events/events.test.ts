import crypto from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { FleetEvent } from '@internal/plugin-sindri-common';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { ownedByPlatform } from '../__testUtils__/ownedByPlatform';

jest.setTimeout(60_000);

const agentEvent = (type: string, at: string, message?: string) => ({
  type: 'event',
  event: { id: crypto.randomUUID(), at, type, ...(message ? { message } : {}) },
});

describe('the event timeline', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: any, policy?: typeof ownedByPlatform) {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        sindriPlugin,
        ...(policy ? [policy] : []),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { sindri: { registry: { path: registryDir } } },
        }),
      ],
    });
    const user = mockCredentials.user.header();
    const report = async (name: string, owner: string, frames: object[]) => {
      const enrolled = await request(server)
        .post('/api/sindri/enrollments')
        .set('Authorization', user)
        .send({ name, owner });
      const res = await request(server)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${enrolled.body.token}`)
        .send({
          frames: [
            { type: 'register', registration: registration(name) },
            ...frames,
          ],
        });
      expect(res.status).toBe(200);
      return enrolled.body.token as string;
    };
    const get = (path: string) =>
      request(server).get(`/api/sindri${path}`).set('Authorization', user);
    return { knex, report, get };
  }

  it.each(databases.eachSupportedId())(
    'stores what an agent sends once, newest first, paged by id, filtered by type and severity, on %p',
    async databaseId => {
      const { report, get } = await setUp(databaseId);
      const started = agentEvent('started', '2026-12-01T10:00:00.000Z');
      await report('dev-1', 'group:default/platform', [
        started,
        agentEvent('agent-warning', '2026-12-01T10:01:00.000Z', 'disk slow'),
        agentEvent('config-changed', '2026-12-01T10:02:00.000Z'),
        // sent again (the agent did not hear the ack): stored once
        started,
      ]);

      const all = await get('/instances/dev-1/events');
      expect(all.status).toBe(200);
      const items: FleetEvent[] = all.body.items;
      expect(items.map(e => e.type)).toEqual([
        'config-changed',
        'agent-warning',
        'started',
      ]);
      expect(items[1]).toMatchObject({
        severity: 'warning',
        instance: 'dev-1',
        message: 'disk slow',
        at: '2026-12-01T10:01:00.000Z',
      });
      expect(all.body.nextCursor).toBeUndefined();

      // page by page with the cursor
      const first = await get('/instances/dev-1/events?limit=2');
      expect(first.body.items).toHaveLength(2);
      const second = await get(
        `/instances/dev-1/events?limit=2&before=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((e: FleetEvent) => e.type)).toEqual([
        'started',
      ]);
      expect(second.body.nextCursor).toBeUndefined();

      const warnings = await get('/events?severity=warning,error');
      expect(warnings.body.items.map((e: FleetEvent) => e.type)).toEqual([
        'agent-warning',
      ]);
      const typed = await get('/events?type=started,config-changed');
      expect(typed.body.items.map((e: FleetEvent) => e.type)).toEqual([
        'config-changed',
        'started',
      ]);

      // a filter the spec or the schema forbids: 400 naming the field, nothing read
      const bad = await get('/events?type=started,exploded');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/type/);
      const badCursor = await get('/events?before=not-a-ulid');
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.error.message).toMatch(/before/);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists the fleet activity row by row as the conditional decision allows, on %p',
    async databaseId => {
      const { report, get } = await setUp(databaseId, ownedByPlatform);
      await report('ours', 'group:default/platform', [
        agentEvent('started', '2026-12-01T10:00:00.000Z'),
      ]);
      await report('theirs', 'group:default/other', [
        agentEvent('started', '2026-12-01T10:00:01.000Z'),
        agentEvent('agent-warning', '2026-12-01T10:00:02.000Z'),
      ]);
      const res = await get('/events');
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((e: FleetEvent) => [e.instance, e.type]),
      ).toEqual([['ours', 'started']]);
      // naming another's instance finds nothing of it
      const named = await get('/events?instance=theirs');
      expect(named.body.items).toEqual([]);
    },
  );
});
