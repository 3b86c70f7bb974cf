import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateUp } from '../database/migrations';
import { CommandStore } from './CommandStore';

jest.setTimeout(60_000);

describe('CommandStore history', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'filters runs and their instances by permission criteria in the database, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      await knex('instances').insert([
        {
          id: 'i-1',
          name: 'dev-1',
          owner: 'group:default/platform',
          provider: 'fly',
        },
        {
          id: 'i-2',
          name: 'dev-2',
          owner: 'group:default/other',
          provider: 'docker',
        },
      ]);
      const store = new CommandStore(knex);
      const result = (
        id: string,
        instanceId: string,
        instanceName: string,
        runId: string,
      ) => ({ id, runId, instanceId, instanceName, state: 'queued' as const });
      await store.createRun({
        id: '00000000-0000-4000-8000-000000000001',
        createdBy: 'user:default/ops',
        command: { argv: ['uptime'] },
        target: { instances: ['dev-1', 'dev-2'] },
        timeoutSeconds: 60,
        concurrency: 2,
        results: [
          result('r1', 'i-1', 'dev-1', '00000000-0000-4000-8000-000000000001'),
          result('r2', 'i-2', 'dev-2', '00000000-0000-4000-8000-000000000001'),
        ],
      });
      await store.createRun({
        id: '00000000-0000-4000-8000-000000000002',
        createdBy: 'user:default/ops',
        command: { argv: ['df'] },
        target: { instances: ['dev-2'] },
        timeoutSeconds: 60,
        concurrency: 1,
        results: [
          result('r3', 'i-2', 'dev-2', '00000000-0000-4000-8000-000000000002'),
        ],
      });

      const ALL = { kind: 'all' } as const;
      const some = (criteria: any) => ({ kind: 'some' as const, criteria });
      const asAuthor = {
        author: 'user:default/ops',
        audit: { kind: 'none' as const },
      };
      const all = await store.listRuns({
        limit: 10,
        readable: ALL,
        ...asAuthor,
      });
      expect(all.map(r => r.instances)).toEqual(
        expect.arrayContaining([['dev-1', 'dev-2'], ['dev-2']]),
      );

      const owned = await store.listRuns({
        limit: 10,
        readable: some({ field: 'owner', values: ['group:default/platform'] }),
        ...asAuthor,
      });
      expect(owned.map(r => [r.id, r.instances, r.counts, r.target])).toEqual([
        [
          '00000000-0000-4000-8000-000000000001',
          ['dev-1'],
          { queued: 1 },
          { instances: ['dev-1'] },
        ],
      ]);

      const notFly = await store.listRuns({
        limit: 10,
        readable: some({ not: { field: 'provider', values: ['fly'] } }),
        instance: 'dev-1',
        ...asAuthor,
      });
      expect(notFly).toEqual([]);
      expect(
        await store.listRuns({
          limit: 10,
          readable: some({ anyOf: [] }),
          ...asAuthor,
        }),
      ).toEqual([]);
      expect(
        await store.listRuns({
          limit: 10,
          readable: { kind: 'none' },
          ...asAuthor,
        }),
      ).toEqual([]);

      // someone else, who may read every instance but see the audit only of what the platform group owns
      const reader = {
        author: 'user:default/someone',
        readable: ALL,
        audit: some({ field: 'owner', values: ['group:default/platform'] }),
      };
      expect(
        (await store.listRuns({ limit: 10, ...reader })).map(r => [
          r.id,
          r.instances,
        ]),
      ).toEqual([['00000000-0000-4000-8000-000000000001', ['dev-1', 'dev-2']]]);
      expect(
        await store.listRuns({ limit: 10, ...reader, audit: { kind: 'none' } }),
      ).toEqual([]);
      expect(
        await store.listRuns({ limit: 10, ...reader, audit: ALL }),
      ).toHaveLength(2);
    },
  );
});

describe('CommandStore late ends', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'finishes a run whose last two ends are stored at the same moment by two replicas, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      await knex('instances').insert([
        { id: 'i-1', name: 'dev-1', owner: 'group:default/a', provider: 'fly' },
        { id: 'i-2', name: 'dev-2', owner: 'group:default/a', provider: 'fly' },
      ]);
      const store = new CommandStore(knex);
      const runIds = Array.from(
        { length: 30 },
        (_, i) => `00000000-0000-4000-8000-${String(i * 10).padStart(12, '0')}`,
      );
      for (const id of runIds)
        await store.createRun({
          id,
          createdBy: 'user:default/ops',
          command: { argv: ['uptime'] },
          target: { instances: ['dev-1', 'dev-2'] },
          timeoutSeconds: 60,
          concurrency: 2,
          results: ['i-1', 'i-2'].map((instanceId, n) => ({
            id: `${id.slice(0, -1)}${n}`,
            runId: id,
            instanceId,
            instanceName: `dev-${n + 1}`,
            state: 'running' as const,
          })),
        });
      const end = { state: 'succeeded' as const, exitCode: 0 };
      // each end arrives at its own replica, both at once
      const settled = await Promise.all(
        runIds.flatMap(id => [
          store.settleLate(`${id.slice(0, -1)}0`, 'i-1', end),
          store.settleLate(`${id.slice(0, -1)}1`, 'i-2', end),
        ]),
      );
      expect(settled.every(Boolean)).toBe(true);
      const states = await knex('command_runs')
        .whereIn('id', runIds)
        .pluck('state');
      expect(states).toEqual(runIds.map(() => 'done'));
    },
  );
});
