import crypto from 'node:crypto';
import { TestDatabases } from '@backstage/backend-test-utils';
import { registration } from '../__testUtils__/fixtures';
import { InstanceStore } from './InstanceStore';
import { migrateUp } from './migrations';
import { SampleWriter } from './SampleWriter';

jest.setTimeout(60_000);

const beat = (at: Date) => ({
  id: crypto.randomUUID(),
  at: at.toISOString(),
  uptimeSeconds: 60,
});

describe('SampleWriter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const instances = new InstanceStore(knex);
      const { instanceId } = await instances.enroll({
        name: 'dev-1',
        owner: 'group:default/a',
        createdBy: 'user:default/x',
      });
      await instances.register(instanceId, registration('dev-1'));
      const heartbeats = async () =>
        Number((await knex('heartbeats').count({ n: '*' }))[0].n);
      return { knex, writer: new SampleWriter(knex), instanceId, heartbeats };
    }

    it('writes each lot in one transaction of its own, not a knex.transaction() per lot', async () => {
      const { knex, writer, instanceId, heartbeats } = await setup();
      const transactions = jest.spyOn(knex.client, 'transaction');
      const t0 = Date.now();
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          writer.heartbeat(instanceId, beat(new Date(t0 + i * 1000))),
        ),
      );
      await writer.heartbeat(instanceId, beat(new Date(t0 + 10_000)));
      expect(await heartbeats()).toBe(6);
      expect(transactions).not.toHaveBeenCalled();
    });

    it('stores nothing of a lot that fails, fails every caller in it, and stores the next lot', async () => {
      const { writer, instanceId, heartbeats } = await setup();
      const t0 = Date.now();
      // an instance that does not exist fails its lot on a foreign key
      const lot = await Promise.allSettled([
        writer.heartbeat(instanceId, beat(new Date(t0))),
        writer.heartbeat('no-such-instance', beat(new Date(t0))),
      ]);
      // matched by message: a native driver's error may come from another test file's realm
      const refused = {
        status: 'rejected',
        reason: expect.objectContaining({
          message: expect.stringMatching(/foreign key/i),
        }),
      };
      expect(lot).toEqual([refused, refused]);
      expect(await heartbeats()).toBe(0);
      await writer.heartbeat(instanceId, beat(new Date(t0 + 1000)));
      expect(await heartbeats()).toBe(1);
    });
  });
});
