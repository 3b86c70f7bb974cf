import { AlertMetric, MetricsSample } from '@internal/plugin-sindri-common';
import { metricValue } from '../metrics/metricValue';
import { PinnedTransaction } from './pinnedTransaction';

/** The column of `instance_latest_metrics` that holds each metric, and its mount's. */
export const LATEST_METRIC_COLUMNS: Record<
  AlertMetric,
  { value: string; where?: string }
> = {
  cpu: { value: 'cpu_pct' },
  memory: { value: 'memory_pct' },
  disk: { value: 'disk_pct', where: 'disk_mount' },
  inodes: { value: 'inodes_pct', where: 'inodes_mount' },
};

const COLUMNS = [
  'instance_id',
  'at',
  'cpu_pct',
  'memory_pct',
  'disk_pct',
  'disk_mount',
  'inodes_pct',
  'inodes_mount',
];
/** Instances per statement: 8 bindings each, well under either database's limit. */
const CHUNK = 500;

/**
 * Records each instance's newest sample as alert values, in the caller's
 * transaction; an older sample arriving late changes nothing.
 */
export async function upsertLatestMetrics(
  tx: PinnedTransaction,
  samples: Array<{ instanceId: string; sample: MetricsSample }>,
): Promise<void> {
  const newest = new Map<string, MetricsSample>();
  for (const { instanceId, sample } of samples) {
    const seen = newest.get(instanceId);
    if (!seen || Date.parse(seen.at) < Date.parse(sample.at))
      newest.set(instanceId, sample);
  }
  // in id order: two replicas' statements take their row locks in the same order
  const rows = [...newest].sort(([a], [b]) => (a < b ? -1 : Number(a > b)));
  const pg = tx.dialect === 'pg';
  const row = pg
    ? '(?, ?::timestamptz, ?::double precision, ?::double precision, ?::double precision, ?, ?::double precision, ?)'
    : '(?, ?, ?, ?, ?, ?, ?, ?)';
  const updates = COLUMNS.slice(1)
    .map(c => `${c} = excluded.${c}`)
    .join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const bindings = chunk.flatMap(([instanceId, sample]) => {
      const disk = metricValue('disk', sample);
      const inodes = metricValue('inodes', sample);
      return [
        instanceId,
        new Date(sample.at),
        metricValue('cpu', sample)?.value ?? null,
        metricValue('memory', sample)?.value ?? null,
        disk?.value ?? null,
        disk?.where ?? null,
        inodes?.value ?? null,
        inodes?.where ?? null,
      ];
    });
    await tx.raw(
      `INSERT INTO instance_latest_metrics (${COLUMNS.join(', ')})
       VALUES ${chunk.map(() => row).join(', ')}
       ON CONFLICT (instance_id) DO UPDATE SET ${updates}
       WHERE instance_latest_metrics.at < excluded.at`,
      bindings,
    );
  }
}
