// @ts-check

/**
 * How many finer samples each 5-minute or hourly bucket was folded from:
 * compaction recomputes a fleet's newest buckets only where that number has
 * changed (a sample arrived late), instead of reading and averaging them all
 * again every run. Raw samples and buckets folded before have none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('metric_samples', table => {
    table.integer('source_count').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('metric_samples', table => {
    table.dropColumn('source_count');
  });
};
