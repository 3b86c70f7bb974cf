import crypto from 'node:crypto';
import yaml from 'yaml';
import {
  FleetCost,
  FleetInstance,
  InstanceCost,
} from '@internal/plugin-sindri-common';
import { BilledDay, SindriCostSource } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { ListFilter } from '../auth/PermissionGuard';
import { dailyHours } from './dailyHours';
import {
  deployedResources,
  DeployedResources,
  gigabytes,
} from './deployedResources';
import { estimateRates, InstanceRates } from './estimateRates';
import { PriceCatalog } from './priceCatalog';
import { StatusChangeStore } from './StatusChangeStore';

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;

export const LIST_PRICE_SOURCE: InstanceCost['source'] = {
  kind: 'list-price-estimate',
  description:
    "list prices from the portal's price tables (or sindri.cost.rates) × the hours each instance ran and was stopped, from its status changes; not a bill",
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Parsed resources by the sindri.yaml's digest: parsing is most of a fleet
 * request's work, and a stored file rarely changes between requests.
 */
const parsed = new Map<string, DeployedResources>();
const PARSED_LIMIT = 50_000;

function resourcesOfYaml(text: string): DeployedResources {
  const key = crypto.createHash('sha1').update(text).digest('base64');
  let resources = parsed.get(key);
  if (!resources) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    resources = deployedResources(yaml.parse(text));
    parsed.set(key, resources);
  }
  return resources;
}

/** An instance's resources: its stored sindri.yaml, else what its agent reported of it. */
function resourcesOf(
  instance: FleetInstance,
  storedYaml?: string,
): { resources: DeployedResources; from: InstanceCost['resourcesFrom'] } {
  if (storedYaml)
    return {
      resources: resourcesOfYaml(storedYaml),
      from: 'stored-sindri-yaml',
    };
  const reported = instance.registration?.sindriConfig?.resources;
  const provider = instance.provider ?? 'unknown';
  if (!reported) return { resources: { provider }, from: 'none' };
  return {
    resources: {
      provider,
      ...(reported.cpus ? { cpus: reported.cpus } : {}),
      ...(gigabytes(reported.memory) !== undefined
        ? { memoryGb: gigabytes(reported.memory) }
        : {}),
      ...(gigabytes(reported.disk) !== undefined
        ? { diskGb: gigabytes(reported.disk) }
        : {}),
      ...(reported.gpu
        ? { gpu: { tier: reported.gpu.toLowerCase(), count: 1 } }
        : {}),
    },
    from: 'agent-reported',
  };
}

const perHourWhen = (
  rates: InstanceRates,
  when: 'running' | 'stopped',
  kind?: string,
) =>
  rates.lines
    .filter(l => l.when === when && (!kind || l.kind === kind))
    .reduce((sum, l) => sum + l.perHour, 0);

/** The list-price estimate of what instances cost, from their resources and the time they ran. */
export class CostService {
  constructor(
    private readonly deps: {
      instances: InstanceStore;
      deployments: DeploymentStore;
      changes: StatusChangeStore;
      prices: PriceCatalog;
      /** billing sources: their days replace the estimate for their providers */
      sources: SindriCostSource[];
    },
  ) {}

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

  async instanceCost(
    instance: FleetInstance,
    now = new Date(),
  ): Promise<InstanceCost> {
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const windowStart =
      Math.floor(now.getTime() / DAY_MS) * DAY_MS - (WINDOW_DAYS - 1) * DAY_MS;
    const from = new Date(Math.min(monthStart, windowStart));
    const deployment = await this.deps.deployments.get(instance.id);
    const { resources, from: resourcesFrom } = resourcesOf(
      instance,
      deployment?.sindriYaml,
    );
    const rates = estimateRates(resources, this.deps.prices);
    const billed = await this.billed(instance, resources.provider, from, now);
    const changes =
      (await this.deps.changes.since([instance.id], from)).get(instance.id) ??
      [];
    const days = dailyHours(changes, from, now).map(d => {
      const bill = billed?.days.get(d.date);
      if (billed)
        return {
          date: d.date,
          runningHours: round(d.runningHours),
          stoppedHours: round(d.stoppedHours),
          compute: round(bill?.compute ?? 0),
          gpu: round(bill?.gpu ?? 0),
          storage: round(bill?.storage ?? 0),
          total: round(bill?.total ?? 0),
        };
      const compute = d.runningHours * perHourWhen(rates, 'running', 'compute');
      const gpu = d.runningHours * perHourWhen(rates, 'running', 'gpu');
      const storage =
        d.runningHours * perHourWhen(rates, 'running', 'storage') +
        d.stoppedHours * perHourWhen(rates, 'stopped');
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
    const lastDays = days.slice(-WINDOW_DAYS);
    const sum = (key: 'compute' | 'gpu' | 'storage' | 'total') =>
      round(lastDays.reduce((n, d) => n + d[key], 0));
    const monthKey = new Date(monthStart).toISOString().slice(0, 7);
    const monthToDate = round(
      days
        .filter(d => d.date.startsWith(monthKey))
        .reduce((n, d) => n + d.total, 0),
    );
    const running =
      instance.status === 'running' || instance.status === 'unresponsive';
    const runningRate = perHourWhen(rates, 'running');
    const stoppedRate = perHourWhen(rates, 'stopped');
    let rateNow = 0;
    if (running) rateNow = runningRate;
    else if (instance.status === 'stopped') rateNow = stoppedRate;
    const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    return {
      currency: 'USD',
      source: billed?.source ?? LIST_PRICE_SOURCE,
      resourcesFrom,
      resources,
      status: instance.status,
      rates: rates.lines,
      missing: rates.missing,
      days: lastDays,
      last30Days: {
        compute: sum('compute'),
        gpu: sum('gpu'),
        storage: sum('storage'),
        total: sum('total'),
      },
      monthToDate,
      projectedMonthEnd: round(
        monthToDate + ((monthEnd - now.getTime()) / 3_600_000) * rateNow,
      ),
      ...(running
        ? { suspendSavingPerDay: round(24 * (runningRate - stoppedRate)) }
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
    const [changes, stored] = await Promise.all([
      this.deps.changes.since(ids, previousFrom),
      this.deps.deployments.sindriYamlOf(ids),
    ]);
    const rows: FleetCost['instances'] = [];
    for (const instance of instances) {
      const { resources } = resourcesOf(instance, stored.get(instance.id));
      const rates = estimateRates(resources, this.deps.prices);
      const running = perHourWhen(rates, 'running');
      const stopped = perHourWhen(rates, 'stopped');
      const billed = await this.billed(
        instance,
        resources.provider,
        previousFrom,
        now,
      );
      const hours = dailyHours(
        changes.get(instance.id) ?? [],
        previousFrom,
        now,
      );
      const cost = (a: string, b: string) =>
        round(
          hours
            .filter(d => d.date >= a && d.date < b)
            .reduce(
              (n, d) =>
                n +
                (billed
                  ? billed.days.get(d.date)?.total ?? 0
                  : d.runningHours * running + d.stoppedHours * stopped),
              0,
            ),
        );
      rows.push({
        name: instance.name,
        owner: instance.owner,
        provider: resources.provider,
        total: cost(day(from), day(new Date(to.getTime() + DAY_MS))),
        previous: cost(day(previousFrom), day(from)),
        missing: billed ? [] : rates.missing,
        ...(billed ? { billedBy: billed.source.description } : {}),
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
    return {
      currency: 'USD',
      source: LIST_PRICE_SOURCE,
      from: from.toISOString(),
      to: to.toISOString(),
      previousFrom: previousFrom.toISOString(),
      total: round(rows.reduce((n, r) => n + r.total, 0)),
      previousTotal: round(rows.reduce((n, r) => n + r.previous, 0)),
      byProvider: group('provider'),
      byOwner: group('owner'),
      instances: rows.sort((a, b) => b.total - a.total),
    };
  }
}
