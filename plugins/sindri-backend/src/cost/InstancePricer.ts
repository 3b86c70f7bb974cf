import { FleetInstance, InstanceCost } from '@internal/plugin-sindri-common';
import { BilledDay, SindriCostSource } from '@internal/plugin-sindri-node';
import { dailyHours, hoursBetween, StatusChange } from './dailyHours';
import { DeployedResources } from './deployedResources';
import { estimateRates, InstanceRates } from './estimateRates';
import { perHourWhen } from './instanceResources';
import { PriceCatalog } from './priceCatalog';

export const round = (n: number) => Math.round(n * 10_000) / 10_000;

type PricedDay = InstanceCost['days'][number];

/** An instance's rates and what each day from a start to now cost it. */
export interface PricedInstance {
  rates: InstanceRates;
  /** set when a billing source's days replace the estimate */
  billed?: { source: InstanceCost['source'] };
  days: PricedDay[];
  /** what it costs per hour in its current status */
  rateNow: number;
}

/**
 * Prices an instance's days: a billing source's days when one prices its
 * provider and knows it, else its list-price rates × the hours it ran and was
 * stopped.
 */
export class InstancePricer {
  constructor(
    private readonly deps: {
      prices: PriceCatalog;
      sources: SindriCostSource[];
    },
  ) {}

  /** Whether a billing source prices the provider: its days, not the estimate, count. */
  billsFor(provider: string): boolean {
    return this.deps.sources.some(s => s.providers.includes(provider));
  }

  /**
   * The list-price estimate of each window (start, end in ms) from the status
   * changes, without building days: for a provider no billing source prices.
   */
  windowTotals(
    resources: DeployedResources,
    changes: StatusChange[],
    windows: Array<[number, number]>,
    now: Date,
  ): { rates: InstanceRates; totals: number[] } {
    const rates = this.rates(resources);
    const running = perHourWhen(rates, 'running');
    const stopped = perHourWhen(rates, 'stopped');
    return {
      rates,
      totals: windows.map(([a, b]) => {
        const h = hoursBetween(changes, a, b, now.getTime());
        return round(h.runningHours * running + h.stoppedHours * stopped);
      }),
    };
  }

  rates(resources: DeployedResources): InstanceRates {
    return estimateRates(resources, this.deps.prices);
  }

  async price(
    instance: FleetInstance,
    resources: DeployedResources,
    changes: StatusChange[],
    from: Date,
    now: Date,
  ): Promise<PricedInstance> {
    const rates = this.rates(resources);
    const billed = await this.billed(instance, resources.provider, from, now);
    // per hour, worked out once per instance: a fleet prices thousands of days
    const perHour = {
      compute: perHourWhen(rates, 'running', 'compute'),
      gpu: perHourWhen(rates, 'running', 'gpu'),
      runningStorage: perHourWhen(rates, 'running', 'storage'),
      running: perHourWhen(rates, 'running'),
      stopped: perHourWhen(rates, 'stopped'),
    };
    const days = dailyHours(changes, from, now).map(d => {
      if (billed) {
        const bill = billed.days.get(d.date);
        return {
          date: d.date,
          runningHours: round(d.runningHours),
          stoppedHours: round(d.stoppedHours),
          compute: round(bill?.compute ?? 0),
          gpu: round(bill?.gpu ?? 0),
          storage: round(bill?.storage ?? 0),
          total: round(bill?.total ?? 0),
        };
      }
      const compute = d.runningHours * perHour.compute;
      const gpu = d.runningHours * perHour.gpu;
      const storage =
        d.runningHours * perHour.runningStorage +
        d.stoppedHours * perHour.stopped;
      return {
        date: d.date,
        runningHours: round(d.runningHours),
        stoppedHours: round(d.stoppedHours),
        compute: round(compute),
        gpu: round(gpu),
        storage: round(storage),
        total: round(compute + gpu + storage),
      };
    });
    let rateNow = 0;
    if (instance.status === 'running' || instance.status === 'unresponsive')
      rateNow = perHour.running;
    else if (instance.status === 'stopped') rateNow = perHour.stopped;
    return {
      rates,
      ...(billed ? { billed: { source: billed.source } } : {}),
      days,
      rateNow,
    };
  }

  /** The days a billing source reports for the instance, by date, when one prices its provider and knows it. */
  private async billed(
    instance: FleetInstance,
    provider: string,
    from: Date,
    to: Date,
  ): Promise<
    { source: InstanceCost['source']; days: Map<string, BilledDay> } | undefined
  > {
    const source = this.deps.sources.find(s => s.providers.includes(provider));
    if (!source) return undefined;
    const days = await source.dailyCost(
      { id: instance.id, name: instance.name, provider },
      from,
      to,
    );
    if (!days) return undefined;
    return {
      source: { kind: 'billing', description: source.title },
      days: new Map(days.map(d => [d.date, d])),
    };
  }
}
