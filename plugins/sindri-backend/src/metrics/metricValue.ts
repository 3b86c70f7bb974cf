import { AlertMetric, MetricsSample } from '@internal/plugin-sindri-common';

const percent = (used: number, total: number) =>
  total > 0 ? (100 * used) / total : undefined;

/** A metric's value in a sample, in per cent, and what it concerns (a disk's mount). */
export function metricValue(
  metric: AlertMetric,
  sample: MetricsSample,
): { value: number; where?: string } | undefined {
  if (metric === 'cpu')
    return sample.cpu ? { value: sample.cpu.percent } : undefined;
  if (metric === 'memory') {
    const m = sample.memory;
    const value = m && percent(m.totalBytes - m.availableBytes, m.totalBytes);
    return value === undefined ? undefined : { value };
  }
  const used = (disk: NonNullable<MetricsSample['disks']>[number]) => {
    if (metric === 'disk') return percent(disk.usedBytes, disk.sizeBytes);
    return disk.inodesTotal !== undefined && disk.inodesUsed !== undefined
      ? percent(disk.inodesUsed, disk.inodesTotal)
      : undefined;
  };
  let fullest: { value: number; where?: string } | undefined;
  for (const disk of sample.disks ?? []) {
    const value = used(disk);
    if (value !== undefined && (!fullest || value > fullest.value))
      fullest = { value, where: disk.mount };
  }
  return fullest;
}
