// @ts-check

/**
 * Terminal sessions (the audit), their optional input recording, and command
 * runs with one result per instance.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('terminal_sessions', table => {
    table.comment(
      'Audit: one row per terminal session; keystrokes only in terminal_input, when recording is on',
    );
    table.string('id', 36).primary();
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table
      .string('session_id', 64)
      .notNullable()
      .comment(
        'Chosen by the browser; reattaching with it resumes the session',
      );
    table
      .string('opened_by', 255)
      .notNullable()
      .comment('Entity ref of the user who opened it');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.bigInteger('bytes_in').notNullable().defaultTo(0);
    table.bigInteger('bytes_out').notNullable().defaultTo(0);
    table.integer('exit_code').nullable();
    table.string('end_reason', 16).nullable();
    table.index(['instance_id', 'session_id']);
    table.index(['instance_id', 'started_at']);
  });

  await knex.schema.createTable('terminal_input', table => {
    table.comment(
      'Keystrokes of recorded sessions (sindri.terminal.recordInput)',
    );
    table.increments('seq').primary();
    table
      .string('terminal_session_id', 36)
      .notNullable()
      .references('id')
      .inTable('terminal_sessions')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('data').notNullable();
    table.index(['terminal_session_id', 'seq']);
  });

  await knex.schema.createTable('command_runs', table => {
    table.comment('One row per command run (one instance or a fan-out)');
    table.string('id', 36).primary();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.text('command').notNullable().comment('JSON {argv} or {script}');
    table
      .text('target')
      .notNullable()
      .comment('JSON: the instance names or the catalog filter');
    table.integer('timeout_s').notNullable();
    table.integer('concurrency').notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('running | done | cancelled');
    table.index(['created_at']);
  });

  await knex.schema.createTable('command_results', table => {
    table.comment('One row per instance of a command run');
    table.string('id', 36).primary().comment('Also the run id the agent sees');
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('command_runs')
      .onDelete('CASCADE');
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('instance_name', 63).notNullable();
    table.string('state', 16).notNullable();
    table.integer('exit_code').nullable();
    table.string('signal', 32).nullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table.bigInteger('stdout_bytes').notNullable().defaultTo(0);
    table.bigInteger('stderr_bytes').notNullable().defaultTo(0);
    table.text('stdout_tail').nullable();
    table.text('stderr_tail').nullable();
    table.text('message').nullable();
    table.index(['run_id']);
    table.index(['instance_name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('command_results');
  await knex.schema.dropTable('command_runs');
  await knex.schema.dropTable('terminal_input');
  await knex.schema.dropTable('terminal_sessions');
};
