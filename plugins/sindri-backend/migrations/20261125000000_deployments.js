// @ts-check

/**
 * Instances the portal deployed (driver, stored sindri.yaml, lifecycle state)
 * and the audit log of every deploy and lifecycle operation. Operations keep
 * the instance's id and name without a foreign key, so the audit outlives a
 * destroy and a later instance of the same name does not inherit it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instance_deployments', table => {
    table.comment('One row per instance the portal deployed');
    table
      .string('instance_id', 36)
      .primary()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('driver', 32).notNullable();
    table.string('state', 16).notNullable();
    table
      .text('sindri_yaml')
      .notNullable()
      .comment(
        'As the user gave it: secrets by reference only, no agent token',
      );
    table
      .string('provider', 32)
      .notNullable()
      .comment('deployment.provider of the sindri.yaml');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('lifecycle_operations', table => {
    table.comment(
      'Audit: every plan, deploy, suspend, resume, redeploy and destroy',
    );
    table.string('id', 36).primary();
    table
      .string('instance_id', 36)
      .nullable()
      .comment('Null for a plan, which belongs to no instance');
    table.string('instance_name', 63).notNullable();
    table.string('kind', 16).notNullable();
    table.string('driver', 32).notNullable();
    table.string('state', 16).notNullable();
    table
      .string('actor', 255)
      .notNullable()
      .comment('Entity ref of who asked for it');
    table
      .text('message')
      .nullable()
      .comment("The driver's error, when it failed");
    table
      .text('log')
      .notNullable()
      .comment('JSON array of the last progress lines');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['instance_id', 'started_at']);
    table.index(['state']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lifecycle_operations');
  await knex.schema.dropTable('instance_deployments');
};
