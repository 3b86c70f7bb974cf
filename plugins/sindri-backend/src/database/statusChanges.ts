import { Knex } from 'knex';
import { InstanceStatus } from '@internal/plugin-sindri-common';

/** Appends the status changes just made (in the same transaction, when `table` is one's). */
export async function appendStatusChanges(
  table: (name: string) => Knex.QueryBuilder,
  changes: Array<{ instanceId: string; status: InstanceStatus; at: Date }>,
): Promise<void> {
  if (!changes.length) return;
  await table('instance_status_changes').insert(
    changes.map(c => ({
      instance_id: c.instanceId,
      status: c.status,
      at: c.at,
    })),
  );
}
