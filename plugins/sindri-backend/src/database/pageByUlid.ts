import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';

/** What every newest-first list of rows keyed by a ULID `id` and tied to an instance is narrowed by. */
export interface UlidPageQuery {
  limit: number;
  /** the cursor: only rows with an older id */
  before?: string;
  instanceId?: string;
  instanceName?: string;
  /** the instances the reader may see (from a conditional decision); absent: all */
  readable?: PermissionCriteria<InstanceQuery>;
}

/**
 * Up to `limit` rows of a query, newest first by their ULID id, and the
 * cursor of the next page; rows of instances the reader may not see are
 * filtered in the database.
 */
export async function pageByUlid<T extends { id: string }>(
  knex: Knex,
  q: Knex.QueryBuilder,
  query: UlidPageQuery,
  toItem: (row: any) => T,
): Promise<{ items: T[]; nextCursor?: string }> {
  if (query.instanceId) q.where('instance_id', query.instanceId);
  if (query.instanceName) q.where('instance_name', query.instanceName);
  if (query.before) q.where('id', '<', query.before);
  if (query.readable)
    q.whereIn(
      'instance_id',
      whereInstanceCriteria(knex('instances').select('id'), query.readable),
    );
  const rows = await q.orderBy('id', 'desc').limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(toItem);
  return rows.length > query.limit
    ? { items, nextCursor: items[items.length - 1].id }
    : { items };
}
