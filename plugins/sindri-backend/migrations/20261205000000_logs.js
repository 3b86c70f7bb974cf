// @ts-check

/**
 * Log lines the agents ship, with full-text search: a tsvector column with a
 * GIN index on PostgreSQL, an external-content FTS5 table kept by triggers on
 * SQLite. Batches are stored once by the agent's id.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sindri_log_batches', table => {
    table.string('id', 36).primary().comment("The agent's batch id");
    table.string('instance_id', 36).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.integer('dropped').notNullable().defaultTo(0);
    table.index(['instance_id', 'received_at']);
  });
  await knex.schema.createTable('sindri_log_lines', table => {
    table.bigIncrements('id');
    table.string('instance_id', 36).notNullable();
    table.string('instance_name', 63).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('source', 256).notNullable();
    table.string('level', 8).nullable();
    table.text('text').notNullable();
    table
      .string('operation_id', 36)
      .nullable()
      .comment(
        'The lifecycle operation running on the instance when it was written',
      );
    table.index(['instance_id', 'id']);
    table.index(['at']);
    table.index(['operation_id']);
  });

  if (knex.client.config.client === 'pg') {
    await knex.raw(
      `ALTER TABLE sindri_log_lines ADD COLUMN search tsvector
         GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED`,
    );
    // without GIN's pending list, each insert updates the index itself: no
    // search scans a list of recent lines, no insert stops to merge it
    await knex.raw(
      'CREATE INDEX sindri_log_lines_search ON sindri_log_lines USING GIN (search) WITH (fastupdate = off)',
    );
  } else {
    await knex.raw(
      `CREATE VIRTUAL TABLE sindri_log_lines_fts USING fts5(
         text, content='sindri_log_lines', content_rowid='id')`,
    );
    await knex.raw(
      `CREATE TRIGGER sindri_log_lines_ai AFTER INSERT ON sindri_log_lines BEGIN
         INSERT INTO sindri_log_lines_fts(rowid, text) VALUES (new.id, new.text);
       END`,
    );
    await knex.raw(
      `CREATE TRIGGER sindri_log_lines_ad AFTER DELETE ON sindri_log_lines BEGIN
         INSERT INTO sindri_log_lines_fts(sindri_log_lines_fts, rowid, text)
           VALUES ('delete', old.id, old.text);
       END`,
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') {
    await knex.raw('DROP TRIGGER IF EXISTS sindri_log_lines_ad');
    await knex.raw('DROP TRIGGER IF EXISTS sindri_log_lines_ai');
    await knex.raw('DROP TABLE IF EXISTS sindri_log_lines_fts');
  }
  await knex.schema.dropTable('sindri_log_lines');
  await knex.schema.dropTable('sindri_log_batches');
};
