// @ts-check

const { withoutForeignKeys } = require('./lib/withoutForeignKeys');

/**
 * Heartbeats are keyed by (instance, time) instead of a random id with an
 * index on (instance, time) beside it, and no longer hold a foreign key to
 * `instances`. A fleet writes a heartbeat row per instance every 10 s: each
 * one updated two indexes, one of them at a random place (the id), and the
 * foreign key check locked the instance's row, which on PostgreSQL is a write
 * to the `instances` page as well. An agent sends the same heartbeat again
 * with the same time, so the key still tells a resent one from a new one.
 * Instance removal deletes the rows itself (as SQLite needs anyway), and a
 * heartbeat of an instance that is gone still fails its batch on the foreign
 * key of `instance_liveness`, written in the same transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await withoutForeignKeys(knex, async trx => {
    await trx.schema.createTable('heartbeats_by_instance', table => {
      table.comment('Heartbeats, kept 24 h: what availability counts');
      table.string('instance_id', 36).notNullable();
      table.timestamp('at', { useTz: true }).notNullable();
      table.double('uptime_s').notNullable();
      table.text('load').nullable().comment('JSON [1m, 5m, 15m]');
      table.primary(['instance_id', 'at'], 'heartbeats_instance_at_pkey');
    });
    await trx
      .insert(
        trx('heartbeats')
          .groupBy('instance_id', 'at')
          .select(
            'instance_id',
            'at',
            trx.raw('max(uptime_s)'),
            trx.raw('max(load)'),
          ),
      )
      .into(
        trx.raw('heartbeats_by_instance (instance_id, at, uptime_s, load)'),
      );
    await trx.schema.dropTable('heartbeats');
    await trx.schema.renameTable('heartbeats_by_instance', 'heartbeats');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await withoutForeignKeys(knex, async trx => {
    await trx.schema.createTable('heartbeats_by_id', table => {
      table.string('id', 36).primary();
      table
        .string('instance_id', 36)
        .notNullable()
        .references('id')
        .inTable('instances')
        .onDelete('CASCADE');
      table.timestamp('at', { useTz: true }).notNullable();
      table.double('uptime_s').notNullable();
      table.text('load').nullable();
      table.index(['instance_id', 'at']);
    });
    const newId =
      trx.client.config.client === 'pg'
        ? 'gen_random_uuid()::text'
        : 'lower(hex(randomblob(16)))';
    await trx
      .insert(
        trx('heartbeats')
          // rows of instances removed meanwhile would break the foreign key
          .whereIn('instance_id', trx('instances').select('id'))
          .select(trx.raw(newId), 'instance_id', 'at', 'uptime_s', 'load'),
      )
      .into(trx.raw('heartbeats_by_id (id, instance_id, at, uptime_s, load)'));
    await trx.schema.dropTable('heartbeats');
    await trx.schema.renameTable('heartbeats_by_id', 'heartbeats');
  });
};

exports.config = { transaction: false };
