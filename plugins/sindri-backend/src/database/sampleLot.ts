import { Heartbeat, MetricsSample } from '@internal/plugin-sindri-common';
import { metricValue } from '../metrics/metricValue';

/** A metrics sample as its row. */
export type MetricsRow = {
  id: string;
  instance_id: string;
  resolution: 'raw';
  at: Date;
  data: string;
};

/** A sample's alert values, as the row of `instance_latest_metrics`. */
export type LatestMetricsRow = {
  instance_id: string;
  at: Date;
  cpu_pct: number | null;
  memory_pct: number | null;
  disk_pct: number | null;
  disk_mount: string | null;
  inodes_pct: number | null;
  inodes_mount: string | null;
};

export type HeartbeatRow = {
  instance_id: string;
  at: Date;
  uptime_s: number;
  /** JSON [1m, 5m, 15m] */
  load: string | null;
};

/** An instance's last heartbeat, as the row of `instance_liveness`. */
export type LivenessRow = {
  instance_id: string;
  last_heartbeat_at: Date;
  uptime_s: number;
};

/**
 * A sample waiting for its lot, already as the rows it becomes: made when it
 * arrives, so what waits for the commit is a few values and one string, not
 * the sample as parsed (thousands wait at once, and every young-generation
 * collection copies what they keep alive).
 */
export type PendingSample =
  | { kind: 'heartbeat'; row: HeartbeatRow }
  | { kind: 'metrics'; row: MetricsRow; latest: LatestMetricsRow };

/** Longest mount name the alert row's column holds. */
const MOUNT_COLUMN_LENGTH = 500;

/**
 * A mount name as the alert row can hold it on either database: no NUL, no
 * lone surrogate (either would fail the whole lot on PostgreSQL), at most the
 * column's length. The sample itself is stored as sent, in its JSON text.
 */
function storableMount(mount: string | undefined): string | null {
  if (mount === undefined) return null;
  const text = /[\0\uD800-\uDFFF]/.test(mount)
    ? Buffer.from(mount.replace(/\0/g, '\uFFFD')).toString()
    : mount;
  return text.slice(0, MOUNT_COLUMN_LENGTH);
}

export function pendingMetrics(
  instanceId: string,
  sample: MetricsSample,
): PendingSample {
  const at = new Date(sample.at);
  const disk = metricValue('disk', sample);
  const inodes = metricValue('inodes', sample);
  return {
    kind: 'metrics',
    row: {
      id: sample.id,
      instance_id: instanceId,
      resolution: 'raw',
      at,
      data: JSON.stringify(sample),
    },
    latest: {
      instance_id: instanceId,
      at,
      cpu_pct: metricValue('cpu', sample)?.value ?? null,
      memory_pct: metricValue('memory', sample)?.value ?? null,
      disk_pct: disk?.value ?? null,
      disk_mount: storableMount(disk?.where),
      inodes_pct: inodes?.value ?? null,
      inodes_mount: storableMount(inodes?.where),
    },
  };
}

export function pendingHeartbeat(
  instanceId: string,
  sample: Heartbeat,
): PendingSample {
  return {
    kind: 'heartbeat',
    row: {
      instance_id: instanceId,
      at: new Date(sample.at),
      uptime_s: sample.uptimeSeconds,
      load: sample.load ? JSON.stringify(sample.load) : null,
    },
  };
}

/** What one lot writes. */
export interface SampleLot {
  metrics: MetricsRow[];
  /** each instance's newest metrics of the lot, in instance order */
  latest: LatestMetricsRow[];
  heartbeats: HeartbeatRow[];
  /** each instance's newest heartbeat of the lot, in instance order */
  liveness: LivenessRow[];
}

/**
 * One row per instance, the newest by `at`, in instance id order: two
 * writers (two lots, two replicas) then take their row locks in the same order.
 */
function newestPerInstance<T extends { instance_id: string }>(
  rows: T[],
  at: (row: T) => Date,
): T[] {
  const newest = new Map<string, T>();
  for (const row of rows) {
    const seen = newest.get(row.instance_id);
    if (!seen || at(seen) < at(row)) newest.set(row.instance_id, row);
  }
  return [...newest.values()].sort((a, b) =>
    a.instance_id < b.instance_id ? -1 : Number(a.instance_id > b.instance_id),
  );
}

export function sampleLot(batch: PendingSample[]): SampleLot {
  const metrics: MetricsRow[] = [];
  const latest: LatestMetricsRow[] = [];
  const heartbeats: HeartbeatRow[] = [];
  for (const pending of batch) {
    if (pending.kind === 'metrics') {
      metrics.push(pending.row);
      latest.push(pending.latest);
    } else heartbeats.push(pending.row);
  }
  return {
    metrics,
    latest: newestPerInstance(latest, r => r.at),
    heartbeats,
    liveness: newestPerInstance(heartbeats, r => r.at).map(h => ({
      instance_id: h.instance_id,
      last_heartbeat_at: h.at,
      uptime_s: h.uptime_s,
    })),
  };
}
