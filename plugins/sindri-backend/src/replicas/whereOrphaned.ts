import { Knex } from 'knex';

/**
 * Rows whose `replica_id` names a replica that is gone: listed in `gone`,
 * already forgotten, or null (from before replicas were recorded).
 */
export function whereOrphaned<T extends Knex.QueryBuilder>(
  query: T,
  knex: Knex,
  gone: string[],
): T {
  return query.where(w =>
    w
      .whereNull('replica_id')
      .orWhereIn('replica_id', gone)
      .orWhereNotIn('replica_id', knex('sindri_replicas').select('id')),
  ) as T;
}
