import { TestDatabases } from '@backstage/backend-test-utils';
import {
  countAppliedMigrations,
  migrateDownAll,
  migrateUp,
  MIGRATIONS_TABLE,
} from './migrations';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

jest.setTimeout(60_000);

/** For stepping through the migrations one at a time. */
const options = {
  directory: resolvePackagePath(
    '@internal/plugin-sindri-backend',
    'migrations',
  ),
  tableName: MIGRATIONS_TABLE,
};

describe('sindri-backend migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'apply and roll back on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await migrateUp(knex);
      expect(await countAppliedMigrations(knex)).toBe(18);
      expect(await knex.schema.hasTable('instances')).toBe(true);

      await knex('instances').insert({
        id: 'i-1',
        name: 'dev-1',
        owner: 'user:default/alice',
        provider: 'docker',
      });
      const [row] = await knex('instances').where({ id: 'i-1' });
      expect(row).toMatchObject({
        name: 'dev-1',
        status: 'unknown',
        region: null,
      });
      const duplicate = await knex('instances')
        .insert({
          id: 'i-2',
          name: 'dev-1',
          owner: 'user:default/bob',
          provider: 'fly',
        })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(duplicate).toMatch(/unique/i);
      expect(
        await knex('instances').where({ name: 'dev-1' }).select('id'),
      ).toEqual([{ id: 'i-1' }]);

      // applying again is a no-op
      await migrateUp(knex);
      expect(await countAppliedMigrations(knex)).toBe(18);

      for (const table of [
        'terminal_sessions',
        'terminal_input',
        'command_runs',
        'command_results',
        'instance_deployments',
        'lifecycle_operations',
        'instance_config_versions',
        'instance_drift',
        'instance_status_changes',
        'sindri_budgets',
        'instance_inventories',
        'instance_components',
        'security_advisories',
        'sindri_replicas',
        'sindri_agent_links',
        'sindri_token_revisions',
        'instance_latest_metrics',
        'instance_liveness',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }

      // the audit outlives its instance: no foreign key ties a terminal session or a command result to it
      await knex('terminal_sessions').insert({
        id: 's-1',
        instance_id: 'i-1',
        instance_name: 'dev-1',
        session_id: 'session-1',
        opened_by: 'user:default/alice',
        started_at: new Date(),
      });
      await knex('command_runs').insert({
        id: 'r-1',
        created_by: 'user:default/alice',
        created_at: new Date(),
        command: '{}',
        target: '{}',
        timeout_s: 1,
        concurrency: 1,
        state: 'done',
      });
      await knex('command_results').insert({
        id: 'c-1',
        run_id: 'r-1',
        instance_id: 'i-1',
        instance_name: 'dev-1',
        state: 'succeeded',
      });
      await knex('instances').where({ id: 'i-1' }).delete();
      expect(
        await knex('terminal_sessions').select('id', 'instance_name'),
      ).toEqual([{ id: 's-1', instance_name: 'dev-1' }]);
      expect(await knex('command_results').select('id')).toEqual([
        { id: 'c-1' },
      ]);

      await migrateDownAll(knex);
      expect(await knex.schema.hasTable('instances')).toBe(false);
      expect(await knex.schema.hasTable('command_results')).toBe(false);
      expect(await knex.schema.hasTable('lifecycle_operations')).toBe(false);
      expect(await countAppliedMigrations(knex)).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'moves each last heartbeat to its own table and back, keeping every row that refers to the instance, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (let i = 0; i < 16; i++) await knex.migrate.up(options);
      const at = new Date('2026-12-03T10:00:00Z');
      await knex('instances').insert([
        {
          id: 'i-1',
          name: 'dev-1',
          owner: 'user:default/alice',
          status: 'running',
          last_heartbeat_at: at,
          uptime_s: 42.5,
        },
        {
          id: 'i-2',
          name: 'dev-2',
          owner: 'user:default/bob',
          status: 'unknown',
        },
      ]);
      await knex('agent_tokens').insert({
        id: 't-1',
        instance_id: 'i-1',
        secret_sha256: 'a'.repeat(64),
        created_by: 'user:default/alice',
      });
      await knex('heartbeats').insert({
        id: 'h-1',
        instance_id: 'i-1',
        at,
        uptime_s: 42.5,
      });
      const time = (v: unknown) => new Date(v as string | number).getTime();

      await knex.migrate.up(options);
      const moved = await knex('instance_liveness').select();
      expect(
        moved.map(r => [r.instance_id, time(r.last_heartbeat_at), r.uptime_s]),
      ).toEqual([['i-1', at.getTime(), 42.5]]);
      expect(
        await knex.schema.hasColumn('instances', 'last_heartbeat_at'),
      ).toBe(false);
      // SQLite drops the columns by copying the table: what refers to it stays
      expect(await knex('agent_tokens').pluck('id')).toEqual(['t-1']);
      expect(await knex('heartbeats').pluck('id')).toEqual(['h-1']);
      expect(await knex('instances').orderBy('id').pluck('status')).toEqual([
        'running',
        'unknown',
      ]);

      await knex.migrate.down(options);
      const back = await knex('instances').orderBy('id').select();
      expect(
        back.map(r => [
          r.id,
          r.last_heartbeat_at && time(r.last_heartbeat_at),
          r.uptime_s,
        ]),
      ).toEqual([
        ['i-1', at.getTime(), 42.5],
        ['i-2', null, null],
      ]);
      expect(await knex('agent_tokens').pluck('id')).toEqual(['t-1']);
      expect(await knex.schema.hasTable('instance_liveness')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'keys heartbeats by instance and time, keeping every heartbeat both ways, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (let i = 0; i < 17; i++) await knex.migrate.up(options);
      await knex('instances').insert({
        id: 'i-1',
        name: 'dev-1',
        owner: 'user:default/alice',
        provider: 'docker',
      });
      const at = new Date('2026-12-03T10:00:00Z');
      const later = new Date(at.getTime() + 10_000);
      await knex('heartbeats').insert([
        { id: 'h-1', instance_id: 'i-1', at, uptime_s: 1, load: '[0.1,0,0]' },
        { id: 'h-2', instance_id: 'i-1', at: later, uptime_s: 11 },
      ]);
      const rows = async () =>
        (await knex('heartbeats').orderBy('at')).map(r => [
          r.instance_id,
          new Date(r.at).getTime(),
          r.uptime_s,
          r.load,
        ]);
      const kept = [
        ['i-1', at.getTime(), 1, '[0.1,0,0]'],
        ['i-1', later.getTime(), 11, null],
      ];

      await knex.migrate.up(options);
      expect(await rows()).toEqual(kept);
      expect(await knex.schema.hasColumn('heartbeats', 'id')).toBe(false);
      // the same heartbeat again is the same key
      const again = await knex('heartbeats')
        .insert({ instance_id: 'i-1', at, uptime_s: 1 })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(again).toMatch(/unique|duplicate/i);

      await knex.migrate.down(options);
      expect(await rows()).toEqual(kept);
      const ids = await knex('heartbeats').pluck('id');
      expect(new Set(ids).size).toBe(2);
      expect(await countAppliedMigrations(knex)).toBe(17);
    },
  );

  it.each(databases.eachSupportedId())(
    'moves the events agents sent into the append-only timeline, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (let i = 0; i < 4; i++) await knex.migrate.up(options);
      await knex('instances').insert({
        id: 'i-1',
        name: 'dev-1',
        owner: 'user:default/alice',
        provider: 'docker',
      });
      const at = new Date('2026-11-30T10:00:00Z');
      await knex('instance_events').insert([
        {
          id: '0b6f2a8e-2d7c-4c39-9a0f-5d6c7e8f9a01',
          instance_id: 'i-1',
          at,
          type: 'started',
          message: 'sindri-agent started',
        },
        {
          id: '0b6f2a8e-2d7c-4c39-9a0f-5d6c7e8f9a02',
          instance_id: 'i-1',
          at: new Date(at.getTime() + 1000),
          type: 'lifecycle',
          data: JSON.stringify({ kind: 'resume', state: 'failed' }),
        },
      ]);

      await knex.migrate.up(options);
      expect(await knex.schema.hasTable('instance_events')).toBe(false);
      const rows = await knex('sindri_events').orderBy('id');
      expect(
        rows.map(r => [r.source_key.slice(-2), r.instance_name, r.severity]),
      ).toEqual([
        ['01', 'dev-1', 'info'],
        ['02', 'dev-1', 'error'],
      ]);
      expect(rows[0].id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      // the same source key is stored once
      const again = await knex('sindri_events')
        .insert({ ...rows[0], id: '01ZZZZZZZZZZZZZZZZZZZZZZZZ' })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(again).toMatch(/unique/i);

      await knex.migrate.down(options);
      expect(
        (await knex('instance_events').orderBy('at')).map(r => r.type),
      ).toEqual(['started', 'lifecycle']);
      expect(await knex.schema.hasTable('sindri_events')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps every alert and its deliveries when alerts may name a group instead of an instance, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (let i = 0; i < 10; i++) await knex.migrate.up(options);
      const at = new Date('2026-11-30T10:00:00Z');
      await knex('sindri_alerts').insert({
        id: '01KB0000000000000000000001',
        rule_id: '5e6d0c1a-0001-4000-8000-000000000001',
        rule_name: 'CPU',
        instance_id: 'i-1',
        instance_name: 'dev-1',
        open_key: '5e6d0c1a-0001-4000-8000-000000000001:i-1',
        state: 'firing',
        severity: 'warning',
        summary: 'CPU at 95 %',
        pending_since: at,
        last_true_at: at,
      });
      await knex('sindri_alert_deliveries').insert({
        alert_id: '01KB0000000000000000000001',
        channel_type: 'notifications',
        channel_name: "the instance's owners",
        transition: 'fired',
        state: 'delivered',
        created_at: at,
      });

      await knex.migrate.up(options);
      expect(await knex('sindri_alert_deliveries').pluck('alert_id')).toEqual([
        '01KB0000000000000000000001',
      ]);
      expect(
        await knex('sindri_alerts')
          .where({ instance_name: 'dev-1' })
          .pluck('open_key'),
      ).toEqual(['5e6d0c1a-0001-4000-8000-000000000001:i-1']);
      await knex('sindri_alerts').insert({
        id: '01KB0000000000000000000002',
        rule_id: '5e6d0c1a-0001-4000-8000-00000000000a',
        rule_name: 'Budget spent',
        group_ref: 'group:default/team-a',
        open_key: '5e6d0c1a-0001-4000-8000-00000000000a:group:default/team-a',
        state: 'firing',
        severity: 'critical',
        summary: '$12 of $10',
        pending_since: at,
        last_true_at: at,
      });
      // the open key still allows one open alert per rule and subject
      const twice = await knex('sindri_alerts')
        .insert({
          id: '01KB0000000000000000000003',
          rule_id: '5e6d0c1a-0001-4000-8000-00000000000a',
          rule_name: 'Budget spent',
          group_ref: 'group:default/team-a',
          open_key: '5e6d0c1a-0001-4000-8000-00000000000a:group:default/team-a',
          state: 'firing',
          severity: 'critical',
          summary: '$12 of $10',
          pending_since: at,
          last_true_at: at,
        })
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(twice).toMatch(/unique/i);

      await knex.migrate.down(options);
      expect(await knex.schema.hasTable('sindri_budgets')).toBe(false);
      expect(await knex('sindri_alerts').pluck('id')).toEqual([
        '01KB0000000000000000000001',
      ]);
      expect(await knex('sindri_alert_deliveries').pluck('alert_id')).toEqual([
        '01KB0000000000000000000001',
      ]);
    },
  );
});
