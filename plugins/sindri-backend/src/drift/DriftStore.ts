import { Knex } from 'knex';
import { InstanceDrift } from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';

/** Each instance's drift as last computed. */
export class DriftStore {
  constructor(private readonly knex: Knex) {}

  async get(instanceId: string): Promise<InstanceDrift | undefined> {
    const row = await this.knex('instance_drift')
      .where({ instance_id: instanceId })
      .first();
    if (!row) return undefined;
    return { ...JSON.parse(row.detail), checkedAt: toIso(row.checked_at) };
  }

  async put(instanceId: string, drift: Omit<InstanceDrift, 'checkedAt'>) {
    const { status } = drift;
    await this.knex('instance_drift')
      .insert({
        instance_id: instanceId,
        status,
        detail: JSON.stringify(drift),
        checked_at: new Date(),
      })
      .onConflict('instance_id')
      .merge();
  }
}
