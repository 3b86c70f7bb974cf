import { FleetInstance, InstanceUsage } from '@internal/plugin-sindri-common';
import { CostService } from '../cost/CostService';
import { DeployedResources } from '../cost/deployedResources';
import { idleVerdict, IdleSettings } from './idleVerdict';
import { percentile } from './percentile';
import { rightSizing, RightSizingSettings } from './rightSizing';
import { UsageSample, UsageStore } from './UsageStore';

const DAY_MS = 86_400_000;

export interface UsageSettings {
  idle: IdleSettings;
  rightSizing: RightSizingSettings;
}

/** The newest moment network throughput was above the threshold, from consecutive cumulative counters. */
function lastNetwork(samples: UsageSample[], bytesPerSecond: number) {
  for (let i = samples.length - 1; i > 0; i--) {
    const [a, b] = [samples[i - 1], samples[i]];
    if (a.networkBytes === undefined || b.networkBytes === undefined) continue;
    const seconds = (b.at.getTime() - a.at.getTime()) / 1000;
    const delta = b.networkBytes - a.networkBytes;
    // a counter that went back is an agent restart, not traffic
    if (seconds <= 0 || delta < 0) continue;
    if (delta / seconds > bytesPerSecond)
      return { at: b.at, bytesPerSecond: delta / seconds };
  }
  return undefined;
}

/**
 * Whether an instance is idle and whether it is bigger than it needs, each
 * with the data behind it: terminal sessions, commands and metrics samples
 * against the settings, priced as the Cost tab prices.
 */
export class UsageService {
  constructor(
    private readonly deps: {
      store: UsageStore;
      cost: CostService;
      settings: UsageSettings;
    },
  ) {}

  /** `withActors`: who opened the last terminal and ran the last command (audit readers only). */
  async instanceUsage(
    instance: FleetInstance,
    options: { withActors: boolean },
    now = new Date(),
  ): Promise<InstanceUsage> {
    const { idle, rightSizing: sizing } = this.deps.settings;
    const windowStart = new Date(now.getTime() - idle.days * DAY_MS);
    const [firstSeen, terminal, command, samples, hourly, cost] =
      await Promise.all([
        this.deps.store.firstSeen(instance.id),
        this.deps.store.lastTerminal(instance.id, now),
        this.deps.store.lastCommand(instance.id),
        this.deps.store.finestSince(
          instance.id,
          new Date(now.getTime() - Math.max(idle.days, 30) * DAY_MS),
        ),
        this.deps.store.hourly(
          instance.id,
          new Date(now.getTime() - 30 * DAY_MS),
        ),
        this.deps.cost.instanceCost(instance, now),
      ]);
    const inWindow = samples.filter(s => s.at >= windowStart);
    const cpu = inWindow
      .map(s => s.cpuPercent)
      .filter((v): v is number => v !== undefined);
    const lastAbove = [...samples]
      .reverse()
      .find(s => (s.cpuPercent ?? 0) > idle.cpuPercent)?.at;
    const resources = cost.resources as DeployedResources;
    const runningHours = cost.days.reduce((n, d) => n + d.runningHours, 0);
    return {
      idle: idleVerdict(
        {
          status: instance.status,
          registeredAt: firstSeen,
          lastTerminal:
            terminal && (options.withActors ? terminal : { at: terminal.at }),
          lastCommand:
            command && (options.withActors ? command : { at: command.at }),
          cpu: {
            ...(cpu.length ? { p95: percentile(cpu, 95) } : {}),
            samples: cpu.length,
            lastAbove,
          },
          lastNetwork: lastNetwork(samples, idle.networkBytesPerSecond),
          savingPerDay: cost.suspendSavingPerDay ?? 0,
        },
        idle,
        now,
      ),
      rightSizing: rightSizing(
        resources,
        hourly.map(h => ({
          at: h.at,
          cpuPercent: h.cpuPercent,
          memoryUsedBytes: h.memoryUsedBytes,
        })),
        sizing,
        now,
        r => this.deps.cost.ratesOf(r).running,
        runningHours,
      ),
    };
  }
}
