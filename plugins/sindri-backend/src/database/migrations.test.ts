import { TestDatabases } from '@backstage/backend-test-utils';
import { countAppliedMigrations, migrateDownAll, migrateUp } from './migrations';

jest.setTimeout(60_000);

describe('sindri-backend migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())('apply and roll back on %p', async databaseId => {
    const knex = await databases.init(databaseId);

    await migrateUp(knex);
    expect(await countAppliedMigrations(knex)).toBe(3);
    expect(await knex.schema.hasTable('instances')).toBe(true);

    await knex('instances').insert({ id: 'i-1', name: 'dev-1', owner: 'user:default/alice', provider: 'docker' });
    const [row] = await knex('instances').where({ id: 'i-1' });
    expect(row).toMatchObject({ name: 'dev-1', status: 'unknown', region: null });
    const duplicate = await knex('instances')
      .insert({ id: 'i-2', name: 'dev-1', owner: 'user:default/bob', provider: 'fly' })
      .then(
        () => 'inserted',
        (error: Error) => error.message,
      );
    expect(duplicate).toMatch(/unique/i);
    expect(await knex('instances').where({ name: 'dev-1' }).select('id')).toEqual([{ id: 'i-1' }]);

    // applying again is a no-op
    await migrateUp(knex);
    expect(await countAppliedMigrations(knex)).toBe(3);

    for (const table of ['terminal_sessions', 'terminal_input', 'command_runs', 'command_results', 'instance_deployments', 'lifecycle_operations']) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }

    await migrateDownAll(knex);
    expect(await knex.schema.hasTable('instances')).toBe(false);
    expect(await knex.schema.hasTable('command_results')).toBe(false);
    expect(await knex.schema.hasTable('lifecycle_operations')).toBe(false);
    expect(await countAppliedMigrations(knex)).toBe(0);
  });
});
