import { InstanceUsage } from '@internal/plugin-sindri-common';
import { DeployedResources } from '../cost/deployedResources';
import { percentile } from './percentile';

export interface RightSizingSettings {
  /** days of samples needed before anything is recommended */
  minDays: number;
  /** room kept above the p95, in percent */
  headroomPercent: number;
}

/** One hourly average: CPU percent of the instance and memory in use. */
export interface UsagePoint {
  at: Date;
  cpuPercent?: number;
  memoryUsedBytes?: number;
}

type RightSizing = InstanceUsage['rightSizing'];
const DAY_MS = 86_400_000;
const GB = 1e9;
const round = (n: number, digits = 2) =>
  Math.round(n * 10 ** digits) / 10 ** digits;

/** The smallest power of two (in GB, from 1) that holds `gb`. */
const memoryStep = (gb: number) => 2 ** Math.max(0, Math.ceil(Math.log2(gb)));

/**
 * p95 CPU and memory of the hourly averages against what the sindri.yaml
 * allocates: a smaller size with its saving, once `minDays` of samples
 * exist, never before. `perHour` prices a size as the Cost tab does.
 */
export function rightSizing(
  allocated: DeployedResources,
  points: UsagePoint[],
  settings: RightSizingSettings,
  now: Date,
  perHour: (r: DeployedResources) => number,
  runningHoursLast30Days: number,
): RightSizing {
  const first = points.length
    ? points.reduce((a, b) => (a.at < b.at ? a : b)).at
    : undefined;
  const days = first ? (now.getTime() - first.getTime()) / DAY_MS : 0;
  const cpu = points
    .map(p => p.cpuPercent)
    .filter((v): v is number => v !== undefined);
  const memory = points
    .map(p => p.memoryUsedBytes)
    .filter((v): v is number => v !== undefined);
  const data = {
    resolution: 'hourly averages',
    ...(first ? { from: first.toISOString() } : {}),
    to: now.toISOString(),
    days: round(days, 1),
    samples: points.length,
    ...(cpu.length ? { cpuP95Percent: round(percentile(cpu, 95)) } : {}),
    ...(memory.length
      ? { memoryP95Gb: round(percentile(memory, 95) / GB) }
      : {}),
    allocated: {
      ...(allocated.cpus ? { cpus: allocated.cpus } : {}),
      ...(allocated.memoryGb ? { memoryGb: allocated.memoryGb } : {}),
    },
  };
  if (days < settings.minDays)
    return {
      verdict: 'insufficient-data',
      message: `${round(days, 1)} days of hourly samples; ${
        settings.minDays
      } are needed before a size is recommended`,
      data,
    };
  if (!allocated.cpus && !allocated.memoryGb)
    return {
      verdict: 'unknown-allocation',
      message:
        'the sindri.yaml allocates no CPUs or memory the portal can read: nothing to compare with',
      data,
    };
  const room = 1 + settings.headroomPercent / 100;
  const cpus =
    allocated.cpus && data.cpuP95Percent !== undefined
      ? Math.max(
          1,
          Math.ceil((data.cpuP95Percent / 100) * allocated.cpus * room - 1e-9),
        )
      : allocated.cpus;
  const memoryGb =
    allocated.memoryGb && data.memoryP95Gb !== undefined
      ? Math.min(allocated.memoryGb, memoryStep(data.memoryP95Gb * room))
      : allocated.memoryGb;
  const smaller =
    (cpus !== undefined &&
      allocated.cpus !== undefined &&
      cpus < allocated.cpus) ||
    (memoryGb !== undefined &&
      allocated.memoryGb !== undefined &&
      memoryGb < allocated.memoryGb);
  if (!smaller)
    return {
      verdict: 'fits',
      message: `p95 use with ${settings.headroomPercent} % headroom needs what is allocated`,
      data,
    };
  const recommended = {
    ...allocated,
    ...(cpus ? { cpus } : {}),
    ...(memoryGb ? { memoryGb } : {}),
  };
  const now$ = perHour(allocated);
  const then$ = perHour(recommended);
  return {
    verdict: 'oversized',
    message: `p95 use with ${settings.headroomPercent} % headroom fits in ${[
      cpus !== allocated.cpus ? `${cpus} CPUs` : '',
      memoryGb !== allocated.memoryGb ? `${memoryGb} GB memory` : '',
    ]
      .filter(Boolean)
      .join(' and ')}`,
    data,
    recommendation: {
      ...(cpus ? { cpus } : {}),
      ...(memoryGb ? { memoryGb } : {}),
      perHourNow: round(now$, 4),
      perHourRecommended: round(then$, 4),
      savingPer30Days: round((now$ - then$) * runningHoursLast30Days),
      runningHoursLast30Days: round(runningHoursLast30Days, 1),
    },
  };
}
