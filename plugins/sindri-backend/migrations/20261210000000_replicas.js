// @ts-check

/**
 * Replicas: every backend process holds a lease in `sindri_replicas` while it
 * runs. Work in progress names the replica doing it, so a replica that starts
 * (or finds another's lease expired) settles only what belonged to replicas
 * that are gone. `sindri_agent_links` says which replica an agent's live
 * connection is on now.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sindri_replicas', table => {
    table.string('id', 36).primary();
    table.string('internal_url', 500).nullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('lease_expires_at', { useTz: true }).notNullable();
    table.index(['lease_expires_at']);
  });
  await knex.schema.createTable('sindri_agent_links', table => {
    table
      .string('instance_id', 36)
      .primary()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('replica_id', 36).notNullable();
    table.timestamp('connected_at', { useTz: true }).notNullable();
    table.index(['replica_id']);
  });
  for (const name of ['lifecycle_operations', 'command_runs']) {
    await knex.schema.alterTable(name, table => {
      table
        .string('replica_id', 36)
        .nullable()
        .comment('the replica doing the work; null: from before replicas');
      table.index(['replica_id']);
    });
  }
  await knex.schema.alterTable('instance_deployments', table => {
    table
      .string('host_replica_id', 36)
      .nullable()
      .comment(
        'for drivers whose instances live in the portal process: which one',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('instance_deployments', table => {
    table.dropColumn('host_replica_id');
  });
  for (const name of ['command_runs', 'lifecycle_operations']) {
    await knex.schema.alterTable(name, table => {
      table.dropIndex(['replica_id']);
      table.dropColumn('replica_id');
    });
  }
  await knex.schema.dropTable('sindri_agent_links');
  await knex.schema.dropTable('sindri_replicas');
};
