// @ts-check

/**
 * Every status change of an instance, appended by whichever replica made it
 * (registration, heartbeats coming back, the keepalive, the agent's
 * started/stopped events, lifecycle operations): the running and stopped
 * intervals its cost is computed from. Append-only, so replicas never
 * contend; the status before the first row is "not registered".
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instance_status_changes', table => {
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['instance_id', 'at']);
    table.index(['at']);
  });
  // instances registered before this: their current status, since it last changed
  const rows = await knex('instances')
    .whereNotNull('registered_at')
    .select('id', 'status', 'status_changed_at', 'registered_at');
  for (const row of rows) {
    await knex('instance_status_changes').insert({
      instance_id: row.id,
      status: row.status,
      at: row.status_changed_at ?? row.registered_at,
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('instance_status_changes');
};
