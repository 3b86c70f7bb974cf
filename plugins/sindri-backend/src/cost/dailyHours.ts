import { InstanceStatus } from '@internal/plugin-sindri-common';

/** A status an instance took at a moment, as `instance_status_changes` holds it. */
export interface StatusChange {
  status: InstanceStatus;
  at: Date;
}

export interface DayHours {
  /** the UTC day, YYYY-MM-DD */
  date: string;
  runningHours: number;
  stoppedHours: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** YYYY-MM-DD of each UTC day start, kept: a fleet names the same days thousands of times. */
const dayNames = new Map<number, string>();
const dayName = (t: number) => {
  let name = dayNames.get(t);
  if (!name) {
    if (dayNames.size > 10_000) dayNames.clear();
    name = new Date(t).toISOString().slice(0, 10);
    dayNames.set(t, name);
  }
  return name;
};

/** Billed as running: the agent reports it running, or went silent while it may still run. */
const RUNNING = new Set<InstanceStatus>(['running', 'unresponsive']);

/**
 * Hours running and stopped in each UTC day from `from`'s day to `now`'s,
 * from the instance's status changes (sorted; the last one before `from`
 * included, so the first day starts in the right state). Before its first
 * change an instance was not registered: no hours.
 */
export function dailyHours(
  changes: readonly StatusChange[],
  from: Date,
  now: Date,
): DayHours[] {
  const start = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  const days: DayHours[] = [];
  for (let t = start; t <= now.getTime(); t += DAY_MS)
    days.push({
      date: dayName(t),
      runningHours: 0,
      stoppedHours: 0,
    });
  const credit = (status: InstanceStatus, a: number, b: number) => {
    let key: 'runningHours' | 'stoppedHours';
    if (RUNNING.has(status)) key = 'runningHours';
    else if (status === 'stopped') key = 'stoppedHours';
    else return;
    for (let t = Math.max(a, start); t < b; ) {
      const dayEnd = (Math.floor(t / DAY_MS) + 1) * DAY_MS;
      const end = Math.min(b, dayEnd);
      const day = days[Math.floor((t - start) / DAY_MS)];
      if (day) day[key] += (end - t) / HOUR_MS;
      t = end;
    }
  };
  changes.forEach((change, i) => {
    const next = changes[i + 1]?.at.getTime() ?? now.getTime();
    credit(change.status, change.at.getTime(), Math.min(next, now.getTime()));
  });
  return days;
}

/**
 * Hours running and stopped between `a` and `b` (capped at `now`), from the
 * status changes, without a day-by-day breakdown: what a fleet's totals need.
 */
export function hoursBetween(
  changes: readonly StatusChange[],
  a: number,
  b: number,
  now: number,
): { runningHours: number; stoppedHours: number } {
  const end = Math.min(b, now);
  let running = 0;
  let stopped = 0;
  for (let i = 0; i < changes.length; i++) {
    const from = Math.max(changes[i].at.getTime(), a);
    const to = Math.min(changes[i + 1]?.at.getTime() ?? now, end);
    if (to <= from) continue;
    const status = changes[i].status;
    if (RUNNING.has(status)) running += to - from;
    else if (status === 'stopped') stopped += to - from;
  }
  return { runningHours: running / HOUR_MS, stoppedHours: stopped / HOUR_MS };
}
