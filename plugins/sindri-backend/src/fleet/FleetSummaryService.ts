import { FleetSummary } from '@internal/plugin-sindri-common';
import { ReadableInstances } from '../auth/PermissionGuard';
import { FleetSummaryStore, HOUR_MS, startOfHour } from './FleetSummaryStore';

const TOP = 5;
const HEALTH = ['running', 'unresponsive', 'stopped', 'unknown'] as const;
/** Kinds that put an instance where it was not: a deploy and its variants. */
const DEPLOY_KINDS = new Set(['deploy', 'redeploy', 'clone']);

const SOURCES: FleetSummary['sources'] = {
  health:
    "each instance's status: heartbeats, the agent's started/stopped events, the keepalive",
  byProvider: 'the provider and region each agent registered',
  drift:
    "each instance's declared sindri.yaml and its extensions against what its agent last registered (Sindri's ledger, the sindri.yaml hash)",
  live: 'the terminal audit (sessions not ended) and command results still running',
  activity: 'lifecycle operations started in each hour of the last 24 h',
  availability:
    "24 h: heartbeats received over those expected at the instance's interval; 7 d: 5-minute intervals with a metrics sample (heartbeats are kept 24 h); computed every 5 minutes",
  top: "each instance's newest metrics sample of the last 5 minutes, as its agent read it",
};

/** The fleet overview: one answer from a handful of queries over what the reader may see. */
export class FleetSummaryService {
  constructor(private readonly store: FleetSummaryStore) {}

  async summary(
    readable: ReadableInstances,
    now = new Date(),
  ): Promise<FleetSummary> {
    const criteria = readable.kind === 'some' ? readable.criteria : undefined;
    const from = new Date(startOfHour(now.getTime()) - 23 * HOUR_MS);
    const [groups, live, operations, newest, availability, drift] =
      await Promise.all([
        this.store.groups(criteria),
        this.store.liveCounts(criteria),
        this.store.operationsSince(from, criteria),
        this.store.newestMetrics(now, criteria),
        this.store.availability(criteria),
        this.store.driftCounts(criteria),
      ]);

    const health = Object.fromEntries(HEALTH.map(h => [h, 0])) as Record<
      (typeof HEALTH)[number],
      number
    >;
    const providers = new Map<string | null, number>();
    const regions = new Map<string, FleetSummary['byRegion'][number]>();
    for (const g of groups) {
      const n = Number(g.n);
      if (g.status in health) health[g.status as keyof typeof health] += n;
      const provider = g.provider ?? null;
      providers.set(provider, (providers.get(provider) ?? 0) + n);
      const key = JSON.stringify([provider, g.region ?? null]);
      const region = regions.get(key) ?? {
        provider,
        region: g.region ?? null,
        count: 0,
      };
      region.count += n;
      regions.set(key, region);
    }

    const hours = Array.from({ length: 24 }, (_, i) => ({
      hour: new Date(from.getTime() + i * HOUR_MS).toISOString(),
      operations: 0,
      deployments: 0,
      failures: 0,
    }));
    for (const op of operations) {
      const bucket =
        hours[Math.floor((op.startedAt.getTime() - from.getTime()) / HOUR_MS)];
      if (!bucket) continue;
      bucket.operations += 1;
      if (DEPLOY_KINDS.has(op.kind)) bucket.deployments += 1;
      if (op.state === 'failed') bucket.failures += 1;
    }

    const cpu = newest
      .filter(m => typeof m.data.cpu?.percent === 'number')
      .map(m => ({
        instance: m.name,
        percent: m.data.cpu.percent as number,
        at: m.at.toISOString(),
      }))
      .sort((a, b) => b.percent - a.percent)
      .slice(0, TOP);
    const memory = newest
      .filter(m => m.data.memory?.totalBytes > 0)
      .map(m => ({
        instance: m.name,
        usedBytes: m.data.memory.usedBytes as number,
        totalBytes: m.data.memory.totalBytes as number,
        percent: (100 * m.data.memory.usedBytes) / m.data.memory.totalBytes,
        at: m.at.toISOString(),
      }))
      .sort((a, b) => b.percent - a.percent)
      .slice(0, TOP);

    const computedAt = availability[0]?.computedAt;
    return {
      generatedAt: now.toISOString(),
      health,
      drift,
      byProvider: [...providers]
        .map(([provider, count]) => ({ provider, count }))
        .sort((a, b) => b.count - a.count),
      byRegion: [...regions.values()].sort((a, b) => b.count - a.count),
      live,
      activity: { from: from.toISOString(), hours },
      availability: {
        ...(computedAt ? { computedAt: computedAt.toISOString() } : {}),
        items: availability.map(({ computedAt: _, ...item }) => item),
      },
      top: { cpu, memory },
      sources: SOURCES,
    };
  }
}
