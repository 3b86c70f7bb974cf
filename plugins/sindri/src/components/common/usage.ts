import { MetricsSample } from '@internal/plugin-sindri-common';

/** Memory in use as a share of total, or undefined when not reported. */
export function memoryPercent(sample?: MetricsSample): number | undefined {
  const m = sample?.memory;
  return m && m.totalBytes > 0 ? (m.usedBytes / m.totalBytes) * 100 : undefined;
}

/** The root filesystem, or the largest one when there is no `/`. */
export function mainDisk(sample?: MetricsSample) {
  const disks = sample?.disks ?? [];
  return (
    disks.find(d => d.mount === '/') ??
    [...disks].sort((a, b) => b.sizeBytes - a.sizeBytes)[0]
  );
}

export function diskPercent(sample?: MetricsSample): number | undefined {
  const disk = mainDisk(sample);
  return disk && disk.sizeBytes > 0
    ? (disk.usedBytes / disk.sizeBytes) * 100
    : undefined;
}
