import { InstanceStatus, InstanceUsage } from '@internal/plugin-sindri-common';

/** When an instance counts as idle: no terminal session or command for `days`, CPU p95 under `cpuPercent`. */
export interface IdleSettings {
  days: number;
  cpuPercent: number;
  /** network throughput above this counts as activity */
  networkBytesPerSecond: number;
}

export interface ObservedActivity {
  status: InstanceStatus;
  registeredAt?: Date;
  /** who, only for readers of the instance's audit */
  lastTerminal?: { at: Date; by?: string };
  lastCommand?: { at: Date; by?: string };
  cpu: { p95?: number; samples: number; lastAbove?: Date };
  lastNetwork?: { at: Date; bytesPerSecond: number };
  /** what a day running costs more than a day stopped */
  savingPerDay: number;
}

type Idle = InstanceUsage['idle'];
const DAY_MS = 86_400_000;
const round = (n: number) => Math.round(n * 100) / 100;
const iso = (d?: Date) => d?.toISOString();

/**
 * Whether an instance is idle, and why or why not: the last activity of each
 * kind with its time. Idle: running, observed for the whole window, no
 * terminal session or command in it, and CPU p95 under the threshold.
 */
export function idleVerdict(
  seen: ObservedActivity,
  settings: IdleSettings,
  now: Date,
): Idle {
  const windowStart = new Date(now.getTime() - settings.days * DAY_MS);
  const within = (at?: Date) => Boolean(at && at >= windowStart);
  const activity: Idle['activity'] = [
    {
      kind: 'terminal',
      ...(seen.lastTerminal
        ? {
            lastAt: iso(seen.lastTerminal.at),
            detail: seen.lastTerminal.by
              ? `a terminal session of ${seen.lastTerminal.by}`
              : 'a terminal session',
          }
        : { detail: 'no terminal session recorded' }),
      withinWindow: within(seen.lastTerminal?.at),
    },
    {
      kind: 'command',
      ...(seen.lastCommand
        ? {
            lastAt: iso(seen.lastCommand.at),
            detail: seen.lastCommand.by
              ? `a command run by ${seen.lastCommand.by}`
              : 'a command',
          }
        : { detail: 'no command recorded' }),
      withinWindow: within(seen.lastCommand?.at),
    },
    {
      kind: 'cpu',
      ...(seen.cpu.lastAbove ? { lastAt: iso(seen.cpu.lastAbove) } : {}),
      detail:
        seen.cpu.p95 === undefined
          ? 'no CPU samples in the window'
          : `p95 ${round(seen.cpu.p95)} % over ${
              seen.cpu.samples
            } samples (threshold ${settings.cpuPercent} %)${
              seen.cpu.lastAbove ? '' : '; never above the threshold in them'
            }`,
      withinWindow: within(seen.cpu.lastAbove),
    },
    {
      kind: 'network',
      ...(seen.lastNetwork
        ? {
            lastAt: iso(seen.lastNetwork.at),
            detail: `${Math.round(
              seen.lastNetwork.bytesPerSecond / 1024,
            )} KiB/s (threshold ${Math.round(
              settings.networkBytesPerSecond / 1024,
            )} KiB/s)`,
          }
        : {
            detail: `never above ${Math.round(
              settings.networkBytesPerSecond / 1024,
            )} KiB/s in the samples kept`,
          }),
      withinWindow: within(seen.lastNetwork?.at),
    },
  ];
  const base = { days: settings.days, activity };
  if (seen.status !== 'running')
    return {
      ...base,
      verdict: 'not-running',
      reasons: [`it is ${seen.status}: only a running instance can be idle`],
    };
  if (!seen.registeredAt || seen.registeredAt > windowStart)
    return {
      ...base,
      verdict: 'too-new',
      reasons: [
        `registered ${
          seen.registeredAt ? iso(seen.registeredAt) : 'never'
        }: fewer than ${settings.days} days to judge`,
      ],
    };
  const reasons: string[] = [];
  if (within(seen.lastTerminal?.at))
    reasons.push(`a terminal session on ${iso(seen.lastTerminal!.at)}`);
  if (within(seen.lastCommand?.at))
    reasons.push(`a command on ${iso(seen.lastCommand!.at)}`);
  if (seen.cpu.p95 === undefined)
    reasons.push('no CPU samples in the window: not judged');
  else if (seen.cpu.p95 >= settings.cpuPercent)
    reasons.push(
      `CPU p95 ${round(seen.cpu.p95)} % is not under ${settings.cpuPercent} %`,
    );
  if (reasons.length) return { ...base, verdict: 'active', reasons };
  // idle since the last terminal session or command (or the registration)
  const lastActive = [
    seen.lastTerminal?.at,
    seen.lastCommand?.at,
    seen.registeredAt,
  ]
    .filter((d): d is Date => Boolean(d))
    .reduce((a, b) => (a > b ? a : b));
  const idleDays = (now.getTime() - lastActive.getTime()) / DAY_MS;
  return {
    ...base,
    verdict: 'idle',
    reasons: [
      `no terminal session or command in ${
        settings.days
      } days and CPU p95 ${round(seen.cpu.p95!)} % under ${
        settings.cpuPercent
      } %`,
    ],
    idleSince: iso(lastActive),
    costPerDay: round(seen.savingPerDay),
    costSoFar: round(seen.savingPerDay * idleDays),
  };
}
