import { Knex } from 'knex';

export interface LastHeartbeat {
  instanceId: string;
  at: Date;
  uptimeSeconds: number;
}

/** Instances per statement: 3 bindings each, well under either database's limit. */
const CHUNK = 500;

/**
 * Moves each instance's last heartbeat forward (never back: an older one
 * arriving late changes nothing), with one statement per 500 instances
 * instead of one round trip each, which is what a fleet's heartbeats cost
 * most when they were written one by one.
 */
export async function updateLastHeartbeats(
  tx: Knex | Knex.Transaction,
  heartbeats: LastHeartbeat[],
  now: Date,
): Promise<void> {
  const pg = tx.client.config.client === 'pg';
  // in id order: two such statements (two replicas) take their row locks in the same order
  const sorted = [...heartbeats].sort((a, b) =>
    a.instanceId < b.instanceId ? -1 : Number(a.instanceId > b.instanceId),
  );
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    const row = pg ? '(?, ?::timestamptz, ?::double precision)' : '(?, ?, ?)';
    const values = chunk.map(() => row).join(', ');
    const bindings = chunk.flatMap(h => [h.instanceId, h.at, h.uptimeSeconds]);
    const newer =
      '(instances.last_heartbeat_at IS NULL OR instances.last_heartbeat_at < v.at)';
    // PostgreSQL names a VALUES list's columns in its alias; SQLite only in a CTE
    await tx.raw(
      pg
        ? `UPDATE instances SET last_heartbeat_at = v.at, uptime_s = v.uptime, updated_at = ?
           FROM (VALUES ${values}) AS v(id, at, uptime)
           WHERE instances.id = v.id AND ${newer}`
        : `WITH v(id, at, uptime) AS (VALUES ${values})
           UPDATE instances SET last_heartbeat_at = v.at, uptime_s = v.uptime, updated_at = ?
           FROM v WHERE instances.id = v.id AND ${newer}`,
      pg ? [now, ...bindings] : [...bindings, now],
    );
  }
}
