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

  /**
   * Stores the new drift and answers the one it replaced, with the row locked
   * meanwhile: of two replicas computing at once, the second sees the first's
   * result as `before`, so a change is told once.
   */
  async replace(
    instanceId: string,
    drift: Omit<InstanceDrift, 'checkedAt'>,
  ): Promise<{ before?: InstanceDrift }> {
    const attempt = () =>
      this.knex.transaction(async tx => {
        const row = await tx('instance_drift')
          .where({ instance_id: instanceId })
          .forUpdate()
          .first();
        const record = {
          status: drift.status,
          detail: JSON.stringify(drift),
          checked_at: new Date(),
        };
        if (row)
          await tx('instance_drift')
            .where({ instance_id: instanceId })
            .update(record);
        else
          await tx('instance_drift').insert({
            instance_id: instanceId,
            ...record,
          });
        return {
          before: row
            ? { ...JSON.parse(row.detail), checkedAt: toIso(row.checked_at) }
            : undefined,
        };
      });
    try {
      return await attempt();
    } catch (error) {
      // another replica inserted the first row at the same moment: now there is one to lock
      if (!(await this.get(instanceId))) throw error;
      return attempt();
    }
  }
}
