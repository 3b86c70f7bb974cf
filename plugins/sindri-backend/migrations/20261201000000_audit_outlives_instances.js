// @ts-check

/**
 * The audit of an instance outlives it: terminal sessions and command
 * results keep their instance's id and name without a foreign key (so
 * destroying the instance no longer deletes them, and a later instance of
 * the same name does not inherit them), as lifecycle_operations already do.
 * Retention (sindri.audit.retention) prunes them instead.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('terminal_sessions', table => {
    table.dropForeign(['instance_id']);
    table
      .string('instance_name', 63)
      .nullable()
      .comment('The instance name when the session ran');
    table.index(['started_at']);
  });
  await knex('terminal_sessions').update({
    instance_name: knex('instances')
      .select('name')
      .where('instances.id', knex.ref('terminal_sessions.instance_id')),
  });
  await knex.schema.alterTable('command_results', table => {
    table.dropForeign(['instance_id']);
  });
  await knex.schema.alterTable('command_runs', table => {
    table.index(['ended_at']);
  });
  await knex.schema.alterTable('lifecycle_operations', table => {
    table.index(['finished_at']);
  });
};

/**
 * Rows of instances that no longer exist cannot go back under the foreign key: they are deleted.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const gone = knex('instances').select('id');
  await knex('terminal_input')
    .whereIn(
      'terminal_session_id',
      knex('terminal_sessions').whereNotIn('instance_id', gone).select('id'),
    )
    .delete();
  await knex('terminal_sessions')
    .whereNotIn('instance_id', knex('instances').select('id'))
    .delete();
  await knex('command_results')
    .whereNotIn('instance_id', knex('instances').select('id'))
    .delete();
  await knex.schema.alterTable('lifecycle_operations', table => {
    table.dropIndex(['finished_at']);
  });
  await knex.schema.alterTable('command_runs', table => {
    table.dropIndex(['ended_at']);
  });
  await knex.schema.alterTable('command_results', table => {
    table
      .foreign('instance_id')
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
  });
  await knex.schema.alterTable('terminal_sessions', table => {
    table.dropIndex(['started_at']);
    table.dropColumn('instance_name');
    table
      .foreign('instance_id')
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
  });
};
