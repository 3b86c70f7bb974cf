// @ts-check

/**
 * Each instance's newest metrics sample as the values alert rules compare
 * (CPU, memory, fullest disk and inodes, in per cent), written with the
 * sample: an evaluation asks the database for the instances over a threshold
 * instead of reading and parsing every instance's newest sample.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instance_latest_metrics', table => {
    table.comment(
      'The newest metrics sample of each instance, as alert values',
    );
    table
      .string('instance_id', 36)
      .primary()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.double('cpu_pct').nullable();
    table.double('memory_pct').nullable();
    table.double('disk_pct').nullable();
    table.string('disk_mount', 500).nullable();
    table.double('inodes_pct').nullable();
    table.string('inodes_mount', 500).nullable();
    table.index(['at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('instance_latest_metrics');
};
