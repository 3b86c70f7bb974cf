// @ts-check

/**
 * Availability per instance, computed by a scheduled task (once across
 * replicas) so that the fleet summary reads one row per instance instead of
 * counting a day of heartbeats at every request: the share of expected
 * heartbeats received in the last 24 h, and of 5-minute intervals with a
 * metrics sample in the last 7 days (heartbeats are kept 24 h).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instance_availability', table => {
    table.string('instance_id', 36).primary();
    table.double('ratio_24h').nullable();
    table.double('ratio_7d').nullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
  });
  await knex.schema.alterTable('lifecycle_operations', table => {
    table.index(['started_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('lifecycle_operations', table => {
    table.dropIndex(['started_at']);
  });
  await knex.schema.dropTable('instance_availability');
};
