import { Knex } from 'knex';
import { HealthResponse } from '@internal/plugin-sindri-common';
import { countAppliedMigrations } from '../database/migrations';

/** Reports which database the plugin uses and whether it answers. */
export async function checkDatabase(
  knex: Knex,
): Promise<HealthResponse['database']> {
  const client = knex.client.config.client === 'pg' ? 'pg' : 'better-sqlite3';
  try {
    await knex.raw('select 1');
    return {
      client,
      reachable: true,
      migrations: await countAppliedMigrations(knex),
    };
  } catch {
    return { client, reachable: false, migrations: 0 };
  }
}
