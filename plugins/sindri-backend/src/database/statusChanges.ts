import { Knex } from 'knex';
import { InstanceStatus } from '@internal/plugin-sindri-common';

/** Appends the status changes just made (in the same transaction, when given one). */
export async function appendStatusChanges(
  knex: Knex | Knex.Transaction,
  changes: Array<{ instanceId: string; status: InstanceStatus; at: Date }>,
): Promise<void> {
  if (!changes.length) return;
  await knex('instance_status_changes').insert(
    changes.map(c => ({
      instance_id: c.instanceId,
      status: c.status,
      at: c.at,
    })),
  );
}
