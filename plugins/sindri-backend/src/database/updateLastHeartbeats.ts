import { PinnedTransaction } from './pinnedTransaction';

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
 * instead of one round trip each. It writes the narrow `instance_liveness`
 * row, not the instance's own: a heartbeat rewrites 3 values, not the
 * registration beside them.
 */
export async function updateLastHeartbeats(
  tx: PinnedTransaction,
  heartbeats: LastHeartbeat[],
): Promise<void> {
  // in id order: two such statements (two replicas) take their row locks in the same order
  const sorted = [...heartbeats].sort((a, b) =>
    a.instanceId < b.instanceId ? -1 : Number(a.instanceId > b.instanceId),
  );
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    await tx.raw(
      `INSERT INTO instance_liveness (instance_id, last_heartbeat_at, uptime_s)
       VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}
       ON CONFLICT (instance_id) DO UPDATE
       SET last_heartbeat_at = excluded.last_heartbeat_at, uptime_s = excluded.uptime_s
       WHERE instance_liveness.last_heartbeat_at < excluded.last_heartbeat_at`,
      chunk.flatMap(h => [h.instanceId, h.at, h.uptimeSeconds]),
    );
  }
}
