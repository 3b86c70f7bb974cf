// @ts-check

/**
 * Every sindri.yaml the portal stored for an instance, numbered (version 1 is
 * what it was created with; each edit adds one, applied by an `update`
 * operation), and the drift between what was declared and what the
 * instance's agent reports, recomputed on each registration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('instance_config_versions', table => {
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.integer('version').notNullable();
    table.text('sindri_yaml').notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('operation_id', 36).nullable();
    table.primary(['instance_id', 'version']);
  });
  // the deployments the portal made before versions were kept: their stored sindri.yaml is version 1
  const existing = await knex('instance_deployments').select(
    'instance_id',
    'sindri_yaml',
    'created_by',
    'created_at',
  );
  for (const row of existing) {
    await knex('instance_config_versions').insert({ ...row, version: 1 });
  }
  await knex.schema.createTable('instance_drift', table => {
    table
      .string('instance_id', 36)
      .primary()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.text('detail').notNullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.index(['status']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('instance_drift');
  await knex.schema.dropTable('instance_config_versions');
};
