// @ts-check

const { withoutForeignKeys } = require('./lib/withoutForeignKeys');

/**
 * Budgets: one per owner group, a monthly amount in USD set by an admin and
 * whether it is enforced (warn or block) when an instance is created, cloned
 * or resumed. Budget alerts concern a group, not an instance: an alert names
 * one or the other. The budget rules ship enabled.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await withoutForeignKeys(knex, async trx => {
    await createBudgets(trx);
    await trx.schema.alterTable('sindri_alerts', table => {
      table.string('instance_id', 36).nullable().alter();
      table.string('instance_name', 63).nullable().alter();
      // rule:group, as long as a group's entity ref may be
      table.string('open_key', 300).nullable().alter();
      table
        .string('group_ref', 255)
        .nullable()
        .comment("a budget alert's group, instead of an instance");
    });
    await addBudgetRules(trx);
  });
};

/** @param {import('knex').Knex} knex */
async function createBudgets(knex) {
  await knex.schema.createTable('sindri_budgets', table => {
    table.string('group_ref', 255).primary().comment("the group's entity ref");
    table.double('monthly_usd').notNullable();
    table
      .string('enforcement', 8)
      .notNullable()
      .comment(
        'off, warn or block: what a create, clone or resume over it does',
      );
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

/** @param {import('knex').Knex} knex */
async function addBudgetRules(knex) {
  const now = new Date();
  /**
   * @param {string} id
   * @param {string} name
   * @param {object} condition
   * @param {string} severity
   */
  const rule = (id, name, condition, severity) => ({
    id,
    name,
    enabled: true,
    condition: JSON.stringify(condition),
    scope_kind: 'fleet',
    scope_ref: null,
    severity,
    channels: '[]',
    notify_owners: true,
    resolve_after_s: 0,
    builtin: true,
    updated_by: null,
    updated_at: now,
  });
  await knex('sindri_alert_rules').insert([
    rule(
      '5e6d0c1a-0001-4000-8000-000000000008',
      'Budget 50 % spent',
      { kind: 'budget-spent', percent: 50, forSeconds: 0 },
      'info',
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-000000000009',
      'Budget 80 % spent',
      { kind: 'budget-spent', percent: 80, forSeconds: 0 },
      'warning',
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-00000000000a',
      'Budget spent',
      { kind: 'budget-spent', percent: 100, forSeconds: 0 },
      'critical',
    ),
    rule(
      '5e6d0c1a-0001-4000-8000-00000000000b',
      'Budget projected to be exceeded this month',
      { kind: 'budget-projected', forSeconds: 0 },
      'warning',
    ),
  ]);
}

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await withoutForeignKeys(knex, async trx => {
    await trx('sindri_alert_rules')
      .whereIn('id', [
        '5e6d0c1a-0001-4000-8000-000000000008',
        '5e6d0c1a-0001-4000-8000-000000000009',
        '5e6d0c1a-0001-4000-8000-00000000000a',
        '5e6d0c1a-0001-4000-8000-00000000000b',
      ])
      .delete();
    await trx('sindri_alerts').whereNotNull('group_ref').delete();
    await trx.schema.alterTable('sindri_alerts', table => {
      table.dropColumn('group_ref');
    });
    await trx.schema.dropTable('sindri_budgets');
  });
};

exports.config = { transaction: false };
