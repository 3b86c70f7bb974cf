import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  LifecycleOperation,
  OperationStreamEvent,
  pollUntil,
} from '@internal/plugin-sindri-common';
import { migrateUp } from '../database/migrations';
import { DeploymentStore } from './DeploymentStore';
import { OperationRunner } from './OperationRunner';

jest.setTimeout(60_000);

/** Makes the database refuse every update of an operation (a trigger that raises), until `allow()`. */
async function refuseOperationUpdates(knex: Knex) {
  const pg = knex.client.config.client === 'pg';
  if (pg) {
    await knex.raw(
      `create or replace function sindri_refuse_op() returns trigger as $$ begin raise exception 'the database refuses writes'; end $$ language plpgsql`,
    );
    await knex.raw(
      'create trigger refuse_ops before update on lifecycle_operations for each row execute function sindri_refuse_op()',
    );
  } else {
    await knex.raw(
      `create trigger refuse_ops before update on lifecycle_operations begin select raise(abort, 'the database refuses writes'); end`,
    );
  }
  return {
    allow: () =>
      knex.raw(
        pg
          ? 'drop trigger refuse_ops on lifecycle_operations'
          : 'drop trigger refuse_ops',
      ),
  };
}

describe('OperationRunner', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: any) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const store = new DeploymentStore(knex);
    const runner = new OperationRunner(store, mockServices.logger.mock(), {
      settleRetryMs: [100, 100, 100, 100, 100],
      pollMs: 20,
    });
    const operation = await store.startOperation({
      instanceName: 'dev-1',
      kind: 'plan',
      driver: 'local',
      actor: 'user:default/ops',
    });
    return { knex, store, runner, operation };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('ends its stream when the end cannot be stored, and stores the end once the database takes it again', async () => {
      const { knex, store, runner, operation } = await setUp(databaseId);
      const refusal = await refuseOperationUpdates(knex);
      const events: OperationStreamEvent[] = [];
      let finish!: () => void;
      runner.run(operation, say => {
        say('planning');
        return new Promise<void>(resolve => (finish = resolve));
      });
      await runner.follow(operation.id, e => events.push(e));
      finish();
      await pollUntil(
        () => events.some(e => e.type === 'done'),
        'the stream to end',
      );
      expect(events.find(e => e.type === 'done')).toMatchObject({
        operation: { state: 'succeeded', log: ['planning'] },
      });
      expect((await store.getOperation(operation.id))?.state).toBe('running');

      await refusal.allow();
      await pollUntil(
        async () =>
          (await store.getOperation(operation.id))?.state === 'succeeded',
        'the end to be stored',
      );
      expect((await store.getOperation(operation.id))?.log).toEqual([
        'planning',
      ]);
    });

    it('follows an operation another process runs in the store, to its end', async () => {
      const { store, runner, operation } = await setUp(databaseId);
      const events: OperationStreamEvent[] = [];
      await runner.follow(operation.id, e => events.push(e));
      expect(events.map(e => e.type)).toEqual(['snapshot']);
      await store.finishOperation(operation.id, {
        state: 'failed',
        message: 'elsewhere',
        log: ['x'],
      });
      await pollUntil(
        () => events.some(e => e.type === 'done'),
        'the end read from the store',
      );
      expect(
        (events[1] as Extract<OperationStreamEvent, { type: 'done' }>)
          .operation,
      ).toMatchObject<Partial<LifecycleOperation>>({
        state: 'failed',
        message: 'elsewhere',
      });
    });

    it('fails operations and deployments left running past their deadline', async () => {
      const { knex, store, operation } = await setUp(databaseId);
      const recent = await store.startOperation({
        instanceName: 'dev-2',
        kind: 'plan',
        driver: 'local',
        actor: 'user:default/ops',
      });
      const longAgo = new Date(Date.now() - 3 * 3_600_000);
      await knex('lifecycle_operations')
        .where({ id: operation.id })
        .update({ started_at: longAgo });
      await knex('instances').insert({
        id: 'i-1',
        name: 'dev-1',
        owner: 'group:default/a',
      });
      await knex('instance_deployments').insert({
        instance_id: 'i-1',
        driver: 'local',
        state: 'suspending',
        sindri_yaml: 'x',
        provider: 'docker',
        created_by: 'u',
        created_at: longAgo,
        updated_at: longAgo,
      });

      expect(
        await store.failOverdue(new Date(Date.now() - 3_600_000), 'lost'),
      ).toBe(1);
      expect(await store.getOperation(operation.id)).toMatchObject({
        state: 'failed',
        message: 'lost',
      });
      expect((await store.getOperation(recent.id))?.state).toBe('running');
      expect((await store.get('i-1'))?.state).toBe('failed');
    });
  });
});
