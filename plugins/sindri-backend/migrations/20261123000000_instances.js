// @ts-check

/**
 * The fleet's instances. Later migrations add heartbeats, metrics and events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instances', table => {
    table.comment('One row per Sindri instance known to the portal');
    table.string('id', 64).primary().notNullable().comment('Stable instance id');
    table.string('name', 63).notNullable().unique().comment('Instance name, unique in the fleet');
    table.string('owner', 255).notNullable().comment('Catalog entity ref of the owning user or group');
    table.string('provider', 32).notNullable();
    table.string('region', 64).nullable();
    table.string('status', 16).notNullable().defaultTo('unknown');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('instances');
};
