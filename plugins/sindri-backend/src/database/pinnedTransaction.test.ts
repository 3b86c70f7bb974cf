import { TestDatabases } from '@backstage/backend-test-utils';
import { inPinnedTransaction } from './pinnedTransaction';

jest.setTimeout(60_000);

describe('inPinnedTransaction', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('things', table => {
      table.string('name').primary();
    });
    const names = async () =>
      (await knex('things').orderBy('name')).map(r => r.name);
    return { knex, names };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('commits what its statements wrote and answers what the work returned', async () => {
      const { knex, names } = await setup(databaseId);
      const answer = await inPinnedTransaction(knex, async tx => {
        await tx.table('things').insert({ name: 'a' });
        await tx.raw('INSERT INTO things (name) VALUES (?)', ['b']);
        return (await tx.table('things').count({ n: '*' }))[0].n;
      });
      expect(Number(answer)).toBe(2);
      expect(await names()).toEqual(['a', 'b']);
    });

    it('rolls back all of it when a statement fails, and the connection it held serves the next work', async () => {
      const { knex, names } = await setup(databaseId);
      await knex('things').insert({ name: 'taken' });
      // more rounds than any pool has connections: each failure gave its connection back, clean
      for (let round = 0; round < 12; round++) {
        await expect(
          inPinnedTransaction(knex, async tx => {
            await tx.table('things').insert({ name: `new-${round}` });
            await tx.table('things').insert({ name: 'taken' });
          }),
        ).rejects.toMatchObject({
          // by message: a native driver's error may come from another test file's realm
          message: expect.stringMatching(/unique|duplicate key/i),
        });
      }
      await expect(
        inPinnedTransaction(knex, async tx => {
          await tx.table('things').insert({ name: 'after' });
          throw new Error('the work gave up');
        }),
      ).rejects.toThrow('the work gave up');
      await inPinnedTransaction(knex, tx =>
        tx.table('things').insert({ name: 'kept' }),
      );
      expect(await names()).toEqual(['kept', 'taken']);
    });

    it('keeps transactions that run at once apart, each on its own connection or one after another', async () => {
      const { knex, names } = await setup(databaseId);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          inPinnedTransaction(knex, async tx => {
            await tx
              .table('things')
              .insert({ name: `t${String(i).padStart(2, '0')}` });
            if (i % 2) throw new Error('odd ones fail');
          }).catch(() => undefined),
        ),
      );
      expect(await names()).toEqual(
        Array.from(
          { length: 10 },
          (_, i) => `t${String(2 * i).padStart(2, '0')}`,
        ),
      );
    });
  });
});
