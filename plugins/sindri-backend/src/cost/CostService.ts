import {
  FleetCost,
  FleetInstance,
  InstanceCost,
} from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { ListFilter } from '../auth/PermissionGuard';
import { DeployedResources } from './deployedResources';
import { StatusChangeStore } from './StatusChangeStore';
import { perHourWhen, resourcesOf } from './instanceResources';
import { InstancePricer, round } from './InstancePricer';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;

export const LIST_PRICE_SOURCE: InstanceCost['source'] = {
  kind: 'list-price-estimate',
  description:
    "list prices from the portal's price tables (or sindri.cost.rates) × the hours each instance ran and was stopped, from its status changes; not a bill",
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar month (UTC) `now` is in: its start, its end and the hours left in it. */
export function monthOf(now: Date) {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return {
    key: new Date(start).toISOString().slice(0, 7),
    start: new Date(start),
    end: new Date(end),
    hoursLeft: (end - now.getTime()) / 3_600_000,
  };
}

/** Hours developers spent on instances: terminal sessions and commands. */
export interface DeveloperActivity {
  developerHours(
    instanceIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<number>;
}

/** The list-price estimate of what instances cost, from their resources and the time they ran. */
export class CostService {
  constructor(
    private readonly deps: {
      instances: InstanceStore;
      deployments: DeploymentStore;
      changes: StatusChangeStore;
      pricer: InstancePricer;
      activity: DeveloperActivity;
    },
  ) {}

  private get pricer() {
    return this.deps.pricer;
  }

  async instanceCost(
    instance: FleetInstance,
    now = new Date(),
  ): Promise<InstanceCost> {
    const month = monthOf(now);
    const windowStart =
      Math.floor(now.getTime() / DAY_MS) * DAY_MS - (WINDOW_DAYS - 1) * DAY_MS;
    const from = new Date(Math.min(month.start.getTime(), windowStart));
    const deployment = await this.deps.deployments.get(instance.id);
    const { resources, from: resourcesFrom } = resourcesOf(
      instance,
      deployment?.sindriYaml,
    );
    const changes =
      (await this.deps.changes.since([instance.id], from)).get(instance.id) ??
      [];
    const priced = await this.pricer.price(
      instance,
      resources,
      changes,
      from,
      now,
    );
    const lastDays = priced.days.slice(-WINDOW_DAYS);
    const sum = (key: 'compute' | 'gpu' | 'storage' | 'total') =>
      round(lastDays.reduce((n, d) => n + d[key], 0));
    const monthToDate = round(
      priced.days
        .filter(d => d.date.startsWith(month.key))
        .reduce((n, d) => n + d.total, 0),
    );
    const running =
      instance.status === 'running' || instance.status === 'unresponsive';
    return {
      currency: 'USD',
      source: priced.billed?.source ?? LIST_PRICE_SOURCE,
      resourcesFrom,
      resources,
      status: instance.status,
      rates: priced.rates.lines,
      missing: priced.rates.missing,
      days: lastDays,
      last30Days: {
        compute: sum('compute'),
        gpu: sum('gpu'),
        storage: sum('storage'),
        total: sum('total'),
      },
      monthToDate,
      projectedMonthEnd: round(monthToDate + month.hoursLeft * priced.rateNow),
      ...(running
        ? {
            suspendSavingPerDay: round(
              24 *
                (perHourWhen(priced.rates, 'running') -
                  perHourWhen(priced.rates, 'stopped')),
            ),
          }
        : {}),
    };
  }

  /** The readable fleet over the last 30 days and the 30 before, by provider, owner and instance. */
  async fleetCost(readable: ListFilter, now = new Date()): Promise<FleetCost> {
    const to = now;
    const from = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
    const previousFrom = new Date(from.getTime() - WINDOW_DAYS * DAY_MS);
    const instances =
      readable.kind === 'none'
        ? []
        : await this.deps.instances.listRegistered(
            readable.kind === 'some' ? readable.criteria : undefined,
          );
    const ids = instances.map(i => i.id);
    const [changes, stored, developerHours] = await Promise.all([
      this.deps.changes.since(ids, previousFrom),
      this.deps.deployments.sindriYamlOf(ids),
      this.deps.activity.developerHours(ids, from, to),
    ]);
    const rows: FleetCost['instances'] = [];
    const dayStart = (d: Date) => Math.floor(d.getTime() / DAY_MS) * DAY_MS;
    const windows: Array<[number, number]> = [
      [dayStart(from), dayStart(to) + DAY_MS],
      [dayStart(previousFrom), dayStart(from)],
    ];
    for (const instance of instances) {
      const { resources } = resourcesOf(instance, stored.get(instance.id));
      const history = changes.get(instance.id) ?? [];
      const row = {
        name: instance.name,
        owner: instance.owner,
        provider: resources.provider,
      };
      if (!this.pricer.billsFor(resources.provider)) {
        // no bill to read: the totals come straight from the hours, no days built
        const { rates, totals } = this.pricer.windowTotals(
          resources,
          history,
          windows,
          now,
        );
        rows.push({
          ...row,
          total: totals[0],
          previous: totals[1],
          missing: rates.missing,
        });
        continue;
      }
      const priced = await this.pricer.price(
        instance,
        resources,
        history,
        previousFrom,
        now,
      );
      const cost = (a: string, b: string) =>
        round(
          priced.days
            .filter(d => d.date >= a && d.date < b)
            .reduce((n, d) => n + d.total, 0),
        );
      rows.push({
        ...row,
        total: cost(day(from), day(new Date(to.getTime() + DAY_MS))),
        previous: cost(day(previousFrom), day(from)),
        missing: priced.billed ? [] : priced.rates.missing,
        ...(priced.billed
          ? { billedBy: priced.billed.source.description }
          : {}),
      });
    }
    const group = (key: 'provider' | 'owner') => {
      const groups = new Map<
        string,
        { key: string; total: number; previous: number }
      >();
      for (const row of rows) {
        const g = groups.get(row[key]) ?? {
          key: row[key],
          total: 0,
          previous: 0,
        };
        g.total = round(g.total + row.total);
        g.previous = round(g.previous + row.previous);
        groups.set(row[key], g);
      }
      return [...groups.values()].sort((a, b) => b.total - a.total);
    };
    const total = round(rows.reduce((n, r) => n + r.total, 0));
    return {
      currency: 'USD',
      source: LIST_PRICE_SOURCE,
      activeDeveloperHours: developerHours,
      ...(developerHours
        ? { costPerActiveDeveloperHour: round(total / developerHours) }
        : {}),
      from: from.toISOString(),
      to: to.toISOString(),
      previousFrom: previousFrom.toISOString(),
      total,
      previousTotal: round(rows.reduce((n, r) => n + r.previous, 0)),
      byProvider: group('provider'),
      byOwner: group('owner'),
      instances: rows.sort((a, b) => b.total - a.total),
    };
  }

  /**
   * What the instances each owner owns cost this calendar month so far, and
   * what they will have cost at its end if each stays in its current status.
   */
  async ownersMonth(
    owners: readonly string[],
    now = new Date(),
  ): Promise<Map<string, OwnerMonth>> {
    const month = monthOf(now);
    const key = (ref: string) => ref.toLocaleLowerCase('en-US');
    const result = new Map<string, OwnerMonth>(
      owners.map(o => [
        key(o),
        { spent: 0, projected: 0, instances: 0, missing: [], billedBy: [] },
      ]),
    );
    if (!owners.length) return result;
    const instances = (await this.deps.instances.listRegistered()).filter(i =>
      result.has(key(i.owner)),
    );
    const ids = instances.map(i => i.id);
    const [changes, stored] = await Promise.all([
      this.deps.changes.since(ids, month.start),
      this.deps.deployments.sindriYamlOf(ids),
    ]);
    for (const instance of instances) {
      const { resources } = resourcesOf(instance, stored.get(instance.id));
      const priced = await this.pricer.price(
        instance,
        resources,
        changes.get(instance.id) ?? [],
        month.start,
        now,
      );
      const spent = priced.days.reduce((n, d) => n + d.total, 0);
      const entry = result.get(key(instance.owner))!;
      entry.spent = round(entry.spent + spent);
      entry.projected = round(
        entry.projected + spent + month.hoursLeft * priced.rateNow,
      );
      entry.instances++;
      if (priced.billed) {
        const title = priced.billed.source.description;
        if (!entry.billedBy.includes(title)) entry.billedBy.push(title);
      } else
        entry.missing.push(
          ...priced.rates.missing.map(m => `${instance.name}: ${m}`),
        );
    }
    return new Map(owners.map(o => [o, result.get(key(o))!]));
  }

  /** What a sindri.yaml would cost per hour while it runs and while it is stopped, from the list prices. */
  ratesOf(resources: DeployedResources) {
    const rates = this.pricer.rates(resources);
    return {
      running: perHourWhen(rates, 'running'),
      stopped: perHourWhen(rates, 'stopped'),
      missing: rates.missing,
    };
  }
}

/** One owner's month: spent so far, projected to its end, over how many instances, and what was left unpriced. */
export interface OwnerMonth {
  spent: number;
  projected: number;
  instances: number;
  missing: string[];
  /** the billing sources that priced some of its instances */
  billedBy: string[];
}
