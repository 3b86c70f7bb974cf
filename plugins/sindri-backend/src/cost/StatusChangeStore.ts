import { Knex } from 'knex';
import { InstanceStatus } from '@internal/plugin-sindri-common';
import { toDate } from '../database/time';
import { StatusChange } from './dailyHours';

/** Reads instances' status changes: those of a window, with the one in force when it began. */
export class StatusChangeStore {
  constructor(private readonly knex: Knex) {}

  async since(
    instanceIds: string[],
    from: Date,
  ): Promise<Map<string, StatusChange[]>> {
    const result = new Map<string, StatusChange[]>(
      instanceIds.map(id => [id, []]),
    );
    if (!instanceIds.length) return result;
    const latestBefore = this.knex('instance_status_changes')
      .whereIn('instance_id', instanceIds)
      .where('at', '<', from)
      .groupBy('instance_id')
      .select('instance_id')
      .max({ at: 'at' });
    const [before, within] = await Promise.all([
      this.knex('instance_status_changes as c')
        .join(latestBefore.as('l'), q =>
          q.on('l.instance_id', 'c.instance_id').andOn('l.at', 'c.at'),
        )
        .select('c.instance_id', 'c.status', 'c.at'),
      this.knex('instance_status_changes')
        .whereIn('instance_id', instanceIds)
        .where('at', '>=', from)
        .orderBy('at')
        .select('instance_id', 'status', 'at'),
    ]);
    for (const row of [...before, ...within])
      result.get(row.instance_id)!.push({
        status: row.status as InstanceStatus,
        at: toDate(row.at)!,
      });
    for (const list of result.values())
      list.sort((a, b) => a.at.getTime() - b.at.getTime());
    return result;
  }
}
