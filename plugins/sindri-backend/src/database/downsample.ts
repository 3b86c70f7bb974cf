import { MetricsSample } from '@internal/plugin-sindri-common';

type Numeric = Record<string, number | undefined>;

function mean(values: Array<number | undefined>): number | undefined {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length
    ? present.reduce((a, b) => a + b, 0) / present.length
    : undefined;
}

function meanObject<T extends Numeric>(
  items: Array<T | undefined>,
  integer: string[] = [],
): T | undefined {
  const present = items.filter((i): i is T => !!i);
  if (!present.length) return undefined;
  const keys = new Set(present.flatMap(i => Object.keys(i)));
  const out: Numeric = {};
  for (const key of keys) {
    const value = mean(present.map(i => i[key]));
    if (value !== undefined)
      out[key] = integer.includes(key) ? Math.round(value) : value;
  }
  return out as T;
}

const BYTE_FIELDS = [
  'totalBytes',
  'usedBytes',
  'availableBytes',
  'cachedBytes',
  'sizeBytes',
  'inodesTotal',
  'inodesUsed',
];

/**
 * Averages the samples of one bucket into one sample at `at`. Gauges are
 * averaged over the samples that have them; network counters and the process
 * lists are taken from the newest sample, since averaging them means nothing.
 * A field no sample has stays absent.
 */
export function downsample(
  samples: MetricsSample[],
  id: string,
  at: Date,
): MetricsSample {
  const sorted = [...samples].sort((a, b) => a.at.localeCompare(b.at));
  const newest = sorted[sorted.length - 1];
  const mounts = [
    ...new Set(sorted.flatMap(s => (s.disks ?? []).map(d => d.mount))),
  ];
  const disks = mounts.map(mount => ({
    mount,
    ...meanObject(
      sorted.map(s => {
        const disk = s.disks?.find(d => d.mount === mount);
        if (!disk) return undefined;
        const { mount: _mount, ...sizes } = disk;
        return sizes;
      }),
      BYTE_FIELDS,
    )!,
  })) as MetricsSample['disks'];
  const cpuPercent = mean(sorted.map(s => s.cpu?.percent));
  return {
    id,
    at: at.toISOString(),
    ...(cpuPercent !== undefined ? { cpu: { percent: cpuPercent } } : {}),
    ...(sorted.some(s => s.load)
      ? { load: meanObject(sorted.map(s => s.load)) }
      : {}),
    ...(sorted.some(s => s.memory)
      ? {
          memory: meanObject(
            sorted.map(s => s.memory),
            BYTE_FIELDS,
          ),
        }
      : {}),
    ...(sorted.some(s => s.swap)
      ? {
          swap: meanObject(
            sorted.map(s => s.swap),
            BYTE_FIELDS,
          ),
        }
      : {}),
    ...(mounts.length ? { disks } : {}),
    ...(newest.network ? { network: newest.network } : {}),
    ...(newest.processes ? { processes: newest.processes } : {}),
  } as MetricsSample;
}
