import { DateTime, Duration } from 'luxon';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${
    value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)
  } ${UNITS[unit]}`;
}

export function formatPercent(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)}%`;
}

/** e.g. "3d 4h", "5h 12m", "42s". */
export function formatUptime(seconds: number): string {
  const d = Duration.fromObject({ seconds: Math.floor(seconds) })
    .shiftTo('days', 'hours', 'minutes', 'seconds')
    .toObject();
  if (d.days) return `${d.days}d ${d.hours}h`;
  if (d.hours) return `${d.hours}h ${d.minutes}m`;
  if (d.minutes) return `${d.minutes}m ${d.seconds}s`;
  return `${d.seconds}s`;
}

/** e.g. "3 minutes ago". */
export function formatAgo(iso: string, now: DateTime = DateTime.now()): string {
  return DateTime.fromISO(iso).toRelative({ base: now }) ?? iso;
}

export const NOT_REPORTED = 'not reported';

/** e.g. "850 ms", "12.3 s", "4m 05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(
    2,
    '0',
  )}s`;
}
