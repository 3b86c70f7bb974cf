// @ts-check

/**
 * Security: what each instance's agent reported as installed (its inventory,
 * assembled from parts, with what the instance exposes), the advisories the
 * configured OSV service matched against those packages, which package
 * versions were checked when, and the state of the last sync.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const instanceRef = (/** @type {any} */ table) =>
    table
      .string('instance_id', 36)
      .notNullable()
      .references('id')
      .inTable('instances')
      .onDelete('CASCADE');

  await knex.schema.createTable('instance_inventories', table => {
    instanceRef(table).primary();
    table.string('hash', 64).notNullable();
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.text('os').nullable().comment('JSON {id, versionId}');
    table
      .text('sources')
      .notNullable()
      .comment('JSON: each source and its state');
    table
      .text('access')
      .notNullable()
      .comment('JSON: SSH keys (no key material) and listening ports');
    table.integer('component_count').notNullable();
    table.integer('parts').notNullable().comment('frames it came in');
  });

  await knex.schema.createTable('instance_inventory_parts', table => {
    instanceRef(table);
    table.string('hash', 64).notNullable();
    table.integer('part').notNullable();
    table.integer('parts').notNullable();
    table.text('data').notNullable().comment('JSON InventoryPart');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.primary(['instance_id', 'hash', 'part']);
  });

  await knex.schema.createTable('instance_components', table => {
    table.increments('id');
    instanceRef(table);
    table.string('source', 16).notNullable();
    table.string('name', 256).notNullable();
    table.string('version', 128).notNullable();
    table.string('purl', 512).notNullable();
    table.string('extension', 64).nullable();
    table.index(['instance_id']);
    table.index(['purl']);
  });

  await knex.schema.createTable('security_advisories', table => {
    table.string('id', 128).primary();
    table.timestamp('modified', { useTz: true }).nullable();
    table.text('summary').notNullable();
    table.string('severity', 16).notNullable();
    table.double('score').nullable();
    table
      .text('data')
      .notNullable()
      .comment('JSON: aliases, dates, vector, references, affected ranges');
    table.timestamp('fetched_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('security_matches', table => {
    table.string('purl', 512).notNullable();
    table.string('advisory_id', 128).notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.primary(['purl', 'advisory_id']);
    table.index(['advisory_id']);
  });

  await knex.schema.createTable('security_purl_checks', table => {
    table.string('purl', 512).primary();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.string('outcome', 16).notNullable().comment('checked or unsupported');
  });

  await knex.schema.createTable('security_sync', table => {
    table.integer('id').primary();
    table.string('url', 2048).notNullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.timestamp('last_attempt_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
  });

  await knex('sindri_alert_rules').insert({
    id: '5e6d0c1a-0001-4000-8000-00000000000c',
    name: 'High or critical advisory on an installed package',
    enabled: true,
    condition: JSON.stringify({
      kind: 'advisory',
      minSeverity: 'high',
      forSeconds: 0,
    }),
    scope_kind: 'fleet',
    scope_ref: null,
    severity: 'warning',
    channels: '[]',
    notify_owners: true,
    resolve_after_s: 0,
    builtin: true,
    updated_by: null,
    updated_at: new Date(),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex('sindri_alert_rules')
    .where({ id: '5e6d0c1a-0001-4000-8000-00000000000c' })
    .delete();
  for (const table of [
    'security_sync',
    'security_purl_checks',
    'security_matches',
    'security_advisories',
    'instance_components',
    'instance_inventory_parts',
    'instance_inventories',
  ])
    await knex.schema.dropTable(table);
};
