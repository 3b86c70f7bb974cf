// @ts-check

/**
 * Runs a schema change in its own transaction with SQLite's foreign keys off.
 * SQLite changes or drops a column by copying the table: with foreign keys
 * on, dropping the old copy would cascade to every row that refers to it. The
 * pragma is ignored inside a transaction, hence the migrations that use this
 * set `config = { transaction: false }` and let it open its own.
 *
 * @param {import('knex').Knex} knex
 * @param {(trx: import('knex').Knex.Transaction) => Promise<void>} change
 */
exports.withoutForeignKeys = async function withoutForeignKeys(knex, change) {
  const sqlite = knex.client.config.client.includes('sqlite');
  if (sqlite) await knex.raw('PRAGMA foreign_keys = OFF');
  try {
    await knex.transaction(change);
  } finally {
    if (sqlite) await knex.raw('PRAGMA foreign_keys = ON');
  }
};
