// @ts-check

const { withoutForeignKeys } = require('./lib/withoutForeignKeys');

/**
 * Each instance's last heartbeat and uptime move out of `instances` into a
 * narrow row of their own. A fleet's heartbeats rewrite these every 10 s per
 * instance: in `instances` each one copied the whole row, registration
 * included (about 700 bytes of WAL per heartbeat with a small registration,
 * more with a real one, against about 150 here), and left that much dead
 * behind for vacuum. On PostgreSQL the table keeps half of each page free, so
 * that an update can stay on its page without touching the index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await withoutForeignKeys(knex, async trx => {
    await trx.schema.createTable('instance_liveness', table => {
      table.comment(
        'The last heartbeat of each instance, rewritten by every one',
      );
      table
        .string('instance_id', 36)
        .primary()
        .references('id')
        .inTable('instances')
        .onDelete('CASCADE');
      table.timestamp('last_heartbeat_at', { useTz: true }).notNullable();
      table.double('uptime_s').nullable();
    });
    if (trx.client.config.client === 'pg')
      await trx.raw('ALTER TABLE instance_liveness SET (fillfactor = 50)');
    await trx
      .insert(
        trx('instances')
          .whereNotNull('last_heartbeat_at')
          .select('id', 'last_heartbeat_at', 'uptime_s'),
      )
      .into(
        trx.raw('instance_liveness (instance_id, last_heartbeat_at, uptime_s)'),
      );
    await trx.schema.alterTable('instances', table => {
      table.dropColumn('last_heartbeat_at');
      table.dropColumn('uptime_s');
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await withoutForeignKeys(knex, async trx => {
    await trx.schema.alterTable('instances', table => {
      table.timestamp('last_heartbeat_at', { useTz: true }).nullable();
      table.double('uptime_s').nullable();
    });
    const rows = await trx('instance_liveness').select();
    for (const row of rows)
      await trx('instances').where({ id: row.instance_id }).update({
        last_heartbeat_at: row.last_heartbeat_at,
        uptime_s: row.uptime_s,
      });
    await trx.schema.dropTable('instance_liveness');
  });
};

exports.config = { transaction: false };
