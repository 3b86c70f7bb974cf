import { Knex } from 'knex';

/**
 * Rows whose replica (`column`) is gone: listed in `gone`, already
 * forgotten, or null (from before replicas were recorded).
 */
export function whereOrphaned<T extends Knex.QueryBuilder>(
  query: T,
  knex: Knex,
  gone: string[],
  column = 'replica_id',
): T {
  return query.where(w =>
    w
      .whereNull(column)
      .orWhereIn(column, gone)
      .orWhereNotIn(column, knex('sindri_replicas').select('id')),
  ) as T;
}
