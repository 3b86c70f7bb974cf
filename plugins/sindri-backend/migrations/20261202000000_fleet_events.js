// @ts-check
const { monotonicFactory } = require('ulid');

/**
 * One append-only timeline for the fleet: what agents report and what the
 * portal records itself (connections, heartbeats lost, lifecycle operations,
 * terminal sessions, commands). The id is a ULID, sortable by time and the
 * page cursor; an agent's own event id is kept as `source_key`, so that an
 * event it sends again is stored once. Events outlive their instance (its
 * name is kept) until the retention prunes them. The rows of
 * `instance_events` move over.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sindri_events', table => {
    table.string('id', 26).primary().comment('ULID: time-sortable, the cursor');
    table
      .string('source_key', 64)
      .nullable()
      .unique()
      .comment('The id its sender chose (an agent event id): stored once');
    table.string('instance_id', 36).nullable();
    table.string('instance_name', 63).nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('type', 32).notNullable();
    table.string('severity', 8).notNullable();
    table.text('message').nullable();
    table.text('data').nullable().comment('JSON: flags and reasons only');
    table.string('subject_kind', 32).nullable();
    table.string('subject_id', 64).nullable();
    table.index(['instance_id', 'id']);
    table.index(['at']);
  });
  const old = await knex('instance_events')
    .join('instances', 'instances.id', 'instance_events.instance_id')
    .orderBy('instance_events.at')
    .select('instance_events.*', 'instances.name as instance_name');
  const next = monotonicFactory();
  const rows = old.map(row => {
    const at = new Date(row.at);
    return {
      id: next(Math.min(at.getTime(), Date.now())),
      source_key: row.id,
      instance_id: row.instance_id,
      instance_name: row.instance_name,
      at,
      type: row.type,
      severity: severityOf(row),
      message: row.message,
      data: row.data,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await knex('sindri_events').insert(rows.slice(i, i + 200));
  await knex.schema.dropTable('instance_events');
};

/** @param {{ type: string, data: string | null }} row */
function severityOf(row) {
  if (row.type === 'agent-warning') return 'warning';
  if (row.type === 'lifecycle' && row.data) {
    const state = JSON.parse(row.data).state;
    if (state === 'failed') return 'error';
  }
  return 'info';
}

/**
 * Events the agents sent go back to `instance_events` (of instances that
 * still exist); those the portal recorded itself are dropped.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable('instance_events', table => {
    table.string('id', 36).primary().comment('Event id chosen by the agent');
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('type', 32).notNullable();
    table.text('message').nullable();
    table.text('data').nullable().comment('JSON');
    table.index(['instance_id', 'at']);
  });
  const rows = await knex('sindri_events')
    .whereNotNull('source_key')
    .whereIn('instance_id', knex('instances').select('id'))
    .select('source_key', 'instance_id', 'at', 'type', 'message', 'data');
  for (let i = 0; i < rows.length; i += 200)
    await knex('instance_events').insert(
      rows.slice(i, i + 200).map(r => ({
        id: r.source_key,
        instance_id: r.instance_id,
        at: r.at,
        type: r.type,
        message: r.message,
        data: r.data,
      })),
    );
  await knex.schema.dropTable('sindri_events');
};
