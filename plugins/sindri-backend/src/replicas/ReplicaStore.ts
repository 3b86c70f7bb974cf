import { Knex } from 'knex';

/** The leases of the backend replicas sharing the database (`sindri_replicas`). */
export class ReplicaStore {
  constructor(private readonly knex: Knex) {}

  async register(replica: {
    id: string;
    internalUrl?: string;
    now: Date;
    leaseMs: number;
  }): Promise<void> {
    await this.knex('sindri_replicas')
      .insert({
        id: replica.id,
        internal_url: replica.internalUrl ?? null,
        started_at: replica.now,
        lease_expires_at: new Date(replica.now.getTime() + replica.leaseMs),
      })
      .onConflict('id')
      .merge(['internal_url', 'lease_expires_at']);
  }

  /** Extends the lease; false when the row is gone (another replica took this one for stopped). */
  async renew(id: string, expiresAt: Date): Promise<boolean> {
    const updated = await this.knex('sindri_replicas')
      .where({ id })
      .update({ lease_expires_at: expiresAt });
    return updated > 0;
  }

  async expire(id: string, at: Date): Promise<void> {
    await this.knex('sindri_replicas')
      .where({ id })
      .update({ lease_expires_at: at });
  }

  /** Replicas whose lease ran out before `before`. */
  async expired(before: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.knex('sindri_replicas')
      .where('lease_expires_at', '<', before)
      .select('id');
    return rows.map(r => r.id);
  }

  /** Replicas holding a lease at `at`. */
  async live(at: Date): Promise<Array<{ id: string; internalUrl?: string }>> {
    const rows: Array<{ id: string; internal_url: string | null }> =
      await this.knex('sindri_replicas')
        .where('lease_expires_at', '>=', at)
        .select('id', 'internal_url');
    return rows.map(r => ({
      id: r.id,
      internalUrl: r.internal_url ?? undefined,
    }));
  }

  /** Forgets replicas whose work has been settled, and the agent links they held. */
  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.knex.transaction(async tx => {
      await tx('sindri_agent_links').whereIn('replica_id', ids).delete();
      await tx('sindri_replicas').whereIn('id', ids).delete();
    });
  }
}
