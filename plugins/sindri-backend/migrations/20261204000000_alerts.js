// @ts-check

/**
 * Alerts: rules (metric thresholds held for a duration, heartbeat lost,
 * failed operations and extension installs), the channels alerts are sent to
 * (their secrets encrypted), one row per alert with its state, and a delivery
 * log with the retries of each message. The default rules ship enabled.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sindri_alert_rules', table => {
    table.string('id', 36).primary();
    table.string('name', 128).notNullable();
    table.boolean('enabled').notNullable();
    table.text('condition').notNullable().comment('JSON AlertCondition');
    table.string('scope_kind', 16).notNullable();
    table.string('scope_ref', 255).nullable();
    table.string('severity', 16).notNullable();
    table.text('channels').notNullable().comment('JSON array of channel ids');
    table.boolean('notify_owners').notNullable();
    table.integer('resolve_after_s').notNullable();
    table.boolean('builtin').notNullable().defaultTo(false);
    table.string('updated_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('sindri_alert_channels', table => {
    table.string('id', 36).primary();
    table.string('name', 128).notNullable();
    table.string('type', 16).notNullable();
    table.string('url', 2048).nullable().comment('Not a secret: shown');
    table
      .text('secret_encrypted')
      .nullable()
      .comment('AES-256-GCM under sindri.alerts.secretKey; never returned');
    table.string('updated_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('sindri_alerts', table => {
    table.string('id', 26).primary().comment('ULID');
    table.string('rule_id', 36).notNullable();
    table.string('rule_name', 128).notNullable();
    table.string('instance_id', 36).notNullable();
    table.string('instance_name', 63).notNullable();
    table
      .string('open_key', 80)
      .nullable()
      .unique()
      .comment('rule:instance while pending or firing, so at most one is open');
    table.string('state', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.double('value').nullable();
    table.string('summary', 512).notNullable();
    table.timestamp('pending_since', { useTz: true }).notNullable();
    table.timestamp('last_true_at', { useTz: true }).notNullable();
    table.timestamp('fired_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('acknowledged_by', 255).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.string('silenced_by', 255).nullable();
    table.timestamp('silenced_until', { useTz: true }).nullable();
    table.index(['instance_id', 'id']);
    table.index(['state', 'id']);
  });

  await knex.schema.createTable('sindri_alert_deliveries', table => {
    table.increments('id');
    table
      .string('alert_id', 26)
      .notNullable()
      .references('id')
      .inTable('sindri_alerts')
      .onDelete('CASCADE');
    table
      .string('channel_id', 36)
      .nullable()
      .comment('absent: the Backstage notification to the owners');
    table.string('channel_type', 16).notNullable();
    table.string('channel_name', 128).notNullable();
    table.string('transition', 16).notNullable();
    table.string('state', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('last_status').nullable();
    table.string('last_error', 512).nullable();
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.timestamp('delivered_at', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['state', 'next_attempt_at']);
    table.index(['alert_id']);
  });

  const now = new Date();
  /**
   * @param {string} id
   * @param {string} name
   * @param {object} condition
   * @param {string} severity
   * @param {number} resolveAfter
   */
  const rule = (id, name, condition, severity, resolveAfter) => ({
    id,
    name,
    enabled: true,
    condition: JSON.stringify(condition),
    scope_kind: 'fleet',
    scope_ref: null,
    severity,
    channels: '[]',
    notify_owners: true,
    resolve_after_s: resolveAfter,
    builtin: true,
    updated_by: null,
    updated_at: now,
  });
  /** @param {string} name @param {number} threshold */
  const metric = (name, threshold) => ({
    kind: 'metric',
    metric: name,
    threshold,
    forSeconds: 300,
  });
  await knex('sindri_alert_rules').insert([
    rule(
      '5e6d0c1a-0001-4000-8000-000000000001',
      'CPU above 90 % for 5 minutes',
      metric('cpu', 90),
      'warning',
      300,
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000002',
      'Memory above 90 % for 5 minutes',
      metric('memory', 90),
      'warning',
      300,
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000003',
      'Disk above 85 % full',
      metric('disk', 85),
      'warning',
      300,
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000004',
      'Inodes above 90 % used',
      metric('inodes', 90),
      'warning',
      300,
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000005',
      'Heartbeat lost',
      { kind: 'heartbeat-lost', forSeconds: 0 },
      'critical',
      0,
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000006',
      'Deployment or lifecycle operation failed',
      { kind: 'operation-failed', forSeconds: 0 },
      'warning',
      0,
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000007',
      'Extension install failed',
      { kind: 'extension-install-failed', forSeconds: 0 },
      'warning',
      0,
    ),
  ]);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sindri_alert_deliveries');
  await knex.schema.dropTable('sindri_alerts');
  await knex.schema.dropTable('sindri_alert_channels');
  await knex.schema.dropTable('sindri_alert_rules');
};
