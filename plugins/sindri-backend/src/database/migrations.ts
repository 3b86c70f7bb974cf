import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-sindri-backend',
  'migrations',
);

/** Knex's bookkeeping table for this plugin's migrations. */
export const MIGRATIONS_TABLE = 'sindri_knex_migrations';

const options = { directory: migrationsDir, tableName: MIGRATIONS_TABLE };

/** Brings the plugin's schema up to date. */
export async function migrateUp(knex: Knex): Promise<void> {
  await knex.migrate.latest(options);
}

/** Undoes every migration; used by tests to prove each one can be rolled back. */
export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(options, true);
}

/** How many of the plugin's migrations have been applied. */
export async function countAppliedMigrations(knex: Knex): Promise<number> {
  const [completed] = await knex.migrate.list(options);
  return completed.length;
}
