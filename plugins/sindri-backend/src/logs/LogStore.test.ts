import crypto from 'node:crypto';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { LogLine } from '@internal/plugin-sindri-common';
import { migrateUp } from '../database/migrations';
import { LogStore } from './LogStore';

jest.setTimeout(60_000);

const dev1 = { id: 'i-1', name: 'dev-1' };
const dev2 = { id: 'i-2', name: 'dev-2' };
const T0 = Date.parse('2026-12-01T12:00:00Z');
const line = (
  seconds: number,
  text: string,
  extra: Partial<LogLine> = {},
): LogLine => ({
  at: new Date(T0 + seconds * 1000).toISOString(),
  source: '/home/dev/.sindri/logs/python.log',
  text,
  ...extra,
});

describe('LogStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  /** A migrated database holding the instance dev-1. */
  async function withDev1(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    await knex('instances').insert({
      id: dev1.id,
      name: dev1.name,
      owner: 'group:default/platform',
      provider: 'fly',
    });
    return knex;
  }

  it.each(databases.eachSupportedId())(
    'stores a batch once, finds lines by their words with the full-text index, newest first, filtered and highlighted, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      for (const i of [dev1, dev2])
        await knex('instances').insert({
          id: i.id,
          name: i.name,
          owner: i === dev1 ? 'group:default/platform' : 'group:default/other',
          provider: 'fly',
        });
      const store = new LogStore(knex);
      const batch = {
        id: crypto.randomUUID(),
        lines: [
          line(0, 'Installing python 3.13 via mise'),
          line(1, 'ERROR: pip install failed: Connection reset by peer', {
            level: 'error' as const,
          }),
          line(2, 'retrying pip install (attempt 2)', {
            source: 'journald:sindri',
          }),
        ],
      };
      expect(await store.append(dev1, batch)).toBe(true);
      // resent after a reconnect: stored once
      expect(await store.append(dev1, batch)).toBe(false);
      await store.append(dev2, {
        id: crypto.randomUUID(),
        lines: [line(3, 'pip install finished on the other instance')],
      });

      const found = await store.search({ text: 'PIP install', limit: 10 });
      expect(found.items.map(i => [i.instance, i.text])).toEqual([
        ['dev-2', 'pip install finished on the other instance'],
        ['dev-1', 'retrying pip install (attempt 2)'],
        ['dev-1', 'ERROR: pip install failed: Connection reset by peer'],
      ]);
      expect(found.items[1].highlights).toEqual([
        [9, 12],
        [13, 20],
      ]);
      // every word must be there
      expect(
        (await store.search({ text: 'pip reset', limit: 10 })).items,
      ).toHaveLength(1);
      // the same answer as a scan without the index
      expect(
        (
          await store.search({
            text: 'PIP install',
            limit: 10,
            unindexed: true,
          })
        ).items,
      ).toEqual(found.items);

      // filters: level, source, instance, time, and paging by cursor
      expect(
        (await store.search({ levels: ['error'], limit: 10 })).items.map(
          i => i.text,
        ),
      ).toEqual(['ERROR: pip install failed: Connection reset by peer']);
      expect(
        (await store.search({ sources: ['journald:sindri'], limit: 10 })).items,
      ).toHaveLength(1);
      expect(
        (
          await store.search({
            instanceName: 'dev-1',
            from: new Date(T0 + 1000),
            to: new Date(T0 + 2000),
            limit: 10,
          })
        ).items.map(i => i.text),
      ).toEqual(['ERROR: pip install failed: Connection reset by peer']);
      const first = await store.search({ limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await store.search({ limit: 2, before: first.nextCursor });
      expect(second.items.map(i => i.text)).toEqual([
        'ERROR: pip install failed: Connection reset by peer',
        'Installing python 3.13 via mise',
      ]);
      expect(second.nextCursor).toBeUndefined();

      // only the instances the reader may see
      expect(
        (
          await store.search({
            text: 'pip',
            limit: 10,
            readable: { field: 'owner', values: ['group:default/other'] },
          })
        ).items.map(i => i.instance),
      ).toEqual(['dev-2']);
    },
  );

  it.each(databases.eachSupportedId())(
    'tags lines written during an operation with it, and prunes by age and by size per instance, on %p',
    async databaseId => {
      const knex = await withDev1(databaseId);
      await knex('lifecycle_operations').insert({
        id: 'op-1',
        instance_id: dev1.id,
        instance_name: dev1.name,
        kind: 'redeploy',
        driver: 'local',
        state: 'running',
        actor: 'user:default/ops',
        log: '[]',
        started_at: new Date(T0),
      });
      const store = new LogStore(knex);
      await store.append(dev1, {
        id: crypto.randomUUID(),
        lines: [line(0, 'redeploying')],
      });
      await knex('lifecycle_operations')
        .where({ id: 'op-1' })
        .update({ state: 'succeeded', finished_at: new Date(T0 + 5000) });
      await store.append(dev1, {
        id: crypto.randomUUID(),
        lines: Array.from({ length: 10 }, (_, i) =>
          line(10 + i, `line ${i} ${'x'.repeat(90)}`),
        ),
      });
      expect(
        (await store.search({ operationId: 'op-1', limit: 10 })).items.map(
          i => i.text,
        ),
      ).toEqual(['redeploying']);

      // older than 5 s after T0: the first line goes; then the newest lines within 300 bytes of text (3 × 97) are kept
      expect(await store.prune(new Date(T0 + 5000), 300)).toBe(1 + 7);
      expect(
        (await store.search({ limit: 20 })).items.map(i => i.text.slice(0, 6)),
      ).toEqual(['line 9', 'line 8', 'line 7']);
      // the full-text index follows the deletes
      expect(
        (await store.search({ text: 'line', limit: 20 })).items,
      ).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'pages a word search, rare or common, with the same lines in the same order as a scan, on %p',
    async databaseId => {
      const knex = await withDev1(databaseId);
      // ids spread over millions, as in a table that has been pruned for months
      const pg = knex.client.config.client === 'pg';
      // a probe of 5 matches: "rare needle" (4 lines) is fetched through the
      // text index, "common hay" (36) read newest first
      // "common hay" is read newest first: 5 lines within the bound fill a page of 3, not one of 10
      const store = new LogStore(knex, {
        searchProbe: 5,
        newestFirstBound: 6 * 2 * 65536,
        // ids are spread here: a bound in pages of the rarest word's lines would not reach back a line
        newestFirstPages: 1e6,
      });
      const texts = Array.from({ length: 40 }, (_, i) =>
        [0, 1, 17, 38].includes(i) ? `rare needle ${i}` : `common hay ${i}`,
      );
      for (const [i, text] of texts.entries()) {
        if (pg)
          await knex.raw("SELECT setval('sindri_log_lines_id_seq', ?)", [
            Math.max(1, i * 2 * 65536 - 1),
          ]);
        await store.append(dev1, {
          id: crypto.randomUUID(),
          lines: [line(i, text)],
        });
      }
      // before the column has statistics (the planner's plan), and after (the store's)
      for (const analyzed of [false, true]) {
        if (analyzed && pg) await knex.raw('ANALYZE sindri_log_lines');
        for (const [text, limit] of [
          ['needle', 3],
          ['hay', 3],
          ['hay', 10],
          ['rare needle', 2],
          ['common hay', 3],
          ['common hay', 50],
          ['rare hay', 3],
          ['absent', 3],
        ] as const) {
          const pages = async (unindexed: boolean) => {
            const found: string[] = [];
            let before: string | undefined;
            do {
              const page = await store.search({
                text,
                limit,
                before,
                unindexed,
              });
              found.push(...page.items.map(l => l.text));
              before = page.nextCursor;
            } while (before);
            return found;
          };
          const windowed = await pages(false);
          expect(windowed).toEqual(await pages(true));
          expect(windowed.length).toBe(
            (
              { absent: 0, 'rare hay': 0, hay: 36, 'common hay': 36 } as Record<
                string,
                number
              >
            )[text] ?? 4,
          );
        }
      }
      expect(
        (await store.search({ text: 'needle', limit: 2 })).items.map(
          l => l.text,
        ),
      ).toEqual(['rare needle 38', 'rare needle 17']);
    },
  );
});
