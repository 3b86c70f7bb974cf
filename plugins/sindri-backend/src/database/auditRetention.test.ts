import { TestDatabases } from '@backstage/backend-test-utils';
import { pruneAudit } from './auditRetention';
import { migrateUp } from './migrations';

jest.setTimeout(60_000);

describe('audit retention', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'prunes what ended before the cut-off and keeps the rest, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const old = new Date('2025-01-01T00:00:00Z');
      const recent = new Date();
      const cutoff = new Date('2026-01-01T00:00:00Z');
      const session = (id: string, endedAt: Date | null) => ({
        id,
        instance_id: 'gone',
        instance_name: 'dev-1',
        session_id: `session-${id}`,
        opened_by: 'user:default/a',
        started_at: old,
        ended_at: endedAt,
      });
      await knex('terminal_sessions').insert([
        session('s-old', old),
        session('s-new', recent),
        session('s-open', null),
      ]);
      await knex('terminal_input').insert([
        { terminal_session_id: 's-old', at: old, data: 'ls\r' },
        { terminal_session_id: 's-new', at: recent, data: 'pwd\r' },
      ]);
      const run = (id: string, endedAt: Date | null) => ({
        id,
        created_by: 'user:default/a',
        created_at: old,
        ended_at: endedAt,
        command: '{}',
        target: '{}',
        timeout_s: 1,
        concurrency: 1,
        state: endedAt ? 'done' : 'running',
      });
      await knex('command_runs').insert([
        run('r-old', old),
        run('r-new', recent),
        run('r-open', null),
      ]);
      await knex('command_results').insert([
        {
          id: 'c-old',
          run_id: 'r-old',
          instance_id: 'gone',
          instance_name: 'dev-1',
          state: 'succeeded',
        },
        {
          id: 'c-new',
          run_id: 'r-new',
          instance_id: 'gone',
          instance_name: 'dev-1',
          state: 'succeeded',
        },
      ]);
      const op = (id: string, finishedAt: Date | null) => ({
        id,
        instance_id: 'gone',
        instance_name: 'dev-1',
        kind: 'deploy',
        driver: 'local',
        state: finishedAt ? 'succeeded' : 'running',
        actor: 'user:default/a',
        log: '[]',
        started_at: old,
        finished_at: finishedAt,
      });
      await knex('lifecycle_operations').insert([
        op('o-old', old),
        op('o-new', recent),
        op('o-open', null),
      ]);

      const alert = (id: string, resolvedAt: Date | null) => ({
        id,
        rule_id: 'r',
        rule_name: 'Heartbeat lost',
        instance_id: 'gone',
        instance_name: 'dev-1',
        open_key: resolvedAt ? null : `r:${id}`,
        state: resolvedAt ? 'resolved' : 'firing',
        severity: 'critical',
        summary: 'No heartbeat received',
        pending_since: old,
        last_true_at: old,
        fired_at: old,
        resolved_at: resolvedAt,
      });
      await knex('sindri_alerts').insert([
        alert('01KB0000000000000000000001', old),
        alert('01KB0000000000000000000002', recent),
        alert('01KB0000000000000000000003', null),
      ]);
      await knex('sindri_alert_deliveries').insert({
        alert_id: '01KB0000000000000000000001',
        channel_type: 'notifications',
        channel_name: 'owners',
        transition: 'fired',
        state: 'delivered',
        created_at: old,
      });

      expect(await pruneAudit(knex, cutoff)).toEqual({
        terminalSessions: 1,
        commandRuns: 1,
        operations: 1,
        alerts: 1,
      });
      expect(await knex('sindri_alerts').orderBy('id').pluck('id')).toEqual([
        '01KB0000000000000000000002',
        '01KB0000000000000000000003',
      ]);
      expect(await knex('sindri_alert_deliveries').pluck('id')).toEqual([]);
      expect(await knex('terminal_sessions').orderBy('id').pluck('id')).toEqual(
        ['s-new', 's-open'],
      );
      expect(await knex('terminal_input').pluck('terminal_session_id')).toEqual(
        ['s-new'],
      );
      expect(await knex('command_runs').orderBy('id').pluck('id')).toEqual([
        'r-new',
        'r-open',
      ]);
      expect(await knex('command_results').pluck('id')).toEqual(['c-new']);
      expect(
        await knex('lifecycle_operations').orderBy('id').pluck('id'),
      ).toEqual(['o-new', 'o-open']);
    },
  );
});
