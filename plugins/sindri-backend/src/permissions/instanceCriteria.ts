import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';

const COLUMNS: Record<InstanceQuery['field'], string> = {
  owner: 'owner',
  provider: 'provider',
};

/**
 * Adds permission criteria (from a conditional decision) to a query on the
 * instances table, so that a list is filtered in the database, not after loading.
 */
export function whereInstanceCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<InstanceQuery>,
): Knex.QueryBuilder {
  if ('allOf' in criteria) {
    return query.where(q => {
      for (const c of criteria.allOf)
        q.andWhere(sub => whereInstanceCriteria(sub, c));
    });
  }
  if ('anyOf' in criteria) {
    // no alternative allows nothing (an empty where() would allow everything)
    if (!criteria.anyOf.length) return query.whereRaw('1 = 0');
    return query.where(q => {
      for (const c of criteria.anyOf)
        q.orWhere(sub => whereInstanceCriteria(sub, c));
    });
  }
  if ('not' in criteria) {
    return query.whereNot(q => whereInstanceCriteria(q, criteria.not));
  }
  // an empty list matches nothing, as the rule's apply() would say
  if (!criteria.values.length) return query.whereRaw('1 = 0');
  // owners are entity refs, which compare case-insensitively (IS_OWNER lower-cases its claims)
  if (criteria.field === 'owner')
    return query.whereIn(
      query.client.raw('lower(??)', [COLUMNS.owner]),
      criteria.values,
    );
  return query.whereIn(COLUMNS[criteria.field], criteria.values);
}
