// @ts-check

/**
 * The fleet: instances, their agent tokens, and what their agents send.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instances', table => {
    table.comment('One row per enrolled Sindri instance');
    table.string('id', 36).primary().comment('Portal-side id, a uuid');
    table
      .string('name', 63)
      .notNullable()
      .unique()
      .comment('Instance name, unique in the fleet');
    table
      .string('owner', 255)
      .notNullable()
      .comment('Entity ref of the owning user or group');
    table
      .string('agent_instance_id', 64)
      .nullable()
      .comment("The instance's own id, from its agent");
    table.string('provider', 32).nullable();
    table.string('region', 64).nullable();
    table
      .text('registration')
      .nullable()
      .comment('Latest registration payload, JSON');
    table.string('status', 16).notNullable().defaultTo('unknown');
    table.timestamp('status_changed_at', { useTz: true }).nullable();
    table.timestamp('registered_at', { useTz: true }).nullable();
    table.timestamp('last_heartbeat_at', { useTz: true }).nullable();
    table.integer('heartbeat_interval_s').nullable();
    table.double('uptime_s').nullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('agent_tokens', table => {
    table.comment(
      'Enrollment tokens: one valid token per instance, stored as a hash',
    );
    table.string('id', 36).primary();
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('secret_sha256', 64).notNullable();
    table.string('created_by', 255).notNullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.index(['instance_id']);
  });

  await knex.schema.createTable('heartbeats', table => {
    table.string('id', 36).primary().comment('Sample id chosen by the agent');
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.double('uptime_s').notNullable();
    table.text('load').nullable().comment('JSON [1m, 5m, 15m]');
    table.index(['instance_id', 'at']);
  });

  await knex.schema.createTable('metric_samples', table => {
    table.comment('Metrics at three resolutions: raw, 5m and 1h averages');
    table
      .string('id', 80)
      .primary()
      .comment('Sample id (raw) or instance:resolution:bucket');
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('resolution', 4).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('data').notNullable().comment('JSON metrics sample');
    table.index(['instance_id', 'resolution', 'at']);
  });

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
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('instance_events');
  await knex.schema.dropTable('metric_samples');
  await knex.schema.dropTable('heartbeats');
  await knex.schema.dropTable('agent_tokens');
  await knex.schema.dropTable('instances');
};
