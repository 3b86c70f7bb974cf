import { AlertMetric } from '@internal/plugin-sindri-common';

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
