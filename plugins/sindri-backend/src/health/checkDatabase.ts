import { Knex } from 'knex';
import { HealthResponse } from '@internal/plugin-sindri-common';
import { countAppliedMigrations } from '../database/migrations';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Reports which database the plugin uses and whether it answers. */
export async function checkDatabase(
  knex: Knex,
): Promise<HealthResponse['database']> {
  const client = knex.client.config.client === 'pg' ? 'pg' : 'better-sqlite3';
  try {
    // a database that is gone can hold a query until the pool gives up (a minute): answer sooner
    await withTimeout(knex.raw('select 1'), CHECK_TIMEOUT_MS);
    return {
      client,
      reachable: true,
      migrations: await countAppliedMigrations(knex),
    };
  } catch {
    return { client, reachable: false, migrations: 0 };
  }
}
