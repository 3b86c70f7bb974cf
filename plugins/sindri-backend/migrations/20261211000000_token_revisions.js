// @ts-check

/**
 * One counter that every revocation, rotation and instance removal moves on,
 * in the same transaction: each replica reads it every second and checks its
 * open connections' tokens only when it moved, instead of every token every
 * second.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sindri_token_revisions', table => {
    table.comment('A counter moved on by every change that takes tokens away');
    table.integer('id').primary();
    table.integer('revision').notNullable().defaultTo(0);
  });
  await knex('sindri_token_revisions').insert({ id: 1, revision: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sindri_token_revisions');
};
