import { DeployedResources } from './deployedResources';
import { perHour, PriceCatalog, PriceRow } from './priceCatalog';

/** One priced part of an instance: its rate, how much of it, and where the rate comes from. */
export interface RateLine {
  kind: 'compute' | 'gpu' | 'storage';
  /** billed while the instance runs, or while it is stopped (storage kept) */
  when: 'running' | 'stopped';
  item: string;
  quantity: number;
  perHour: number;
  source: Pick<PriceRow, 'page' | 'copyOf' | 'date' | 'region' | 'note'>;
}

export interface InstanceRates {
  lines: RateLine[];
  /** what could not be priced, in words: the figure leaves it out and says so */
  missing: string[];
}

const OWN_HARDWARE = new Set(['docker', 'kubernetes', 'local']);

/**
 * The list-price rates of an instance's resources, from the price tables (or
 * the operator's rates): compute, GPU and storage per hour, each with its
 * source. What no table prices is named in `missing`, never guessed.
 */
export function estimateRates(
  r: DeployedResources,
  catalog: PriceCatalog,
): InstanceRates {
  const lines: RateLine[] = [];
  const missing: string[] = [];
  const add = (
    provider: string,
    item: string,
    quantity: number | undefined,
    kind: RateLine['kind'],
    when: RateLine['when'] = 'running',
    region?: string,
  ): PriceRow | undefined => {
    if (!quantity) return undefined;
    const row = catalog.find(provider, item, region);
    if (!row) {
      missing.push(`${provider} ${item}: no rate`);
      return undefined;
    }
    const { page, copyOf, date, note } = row;
    lines.push({
      kind,
      when,
      item,
      quantity,
      perHour: perHour(row) * quantity,
      source: { page, copyOf, date, region: row.region, note },
    });
    return row;
  };
  const storage = (provider: string, stoppedItem = 'volume-gb') => {
    if (r.diskGb === undefined) return;
    add(provider, 'volume-gb', r.diskGb, 'storage', 'running');
    add(provider, stoppedItem, r.diskGb, 'storage', 'stopped');
  };
  const gpu = (provider: string) => {
    if (r.gpu) add(provider, `gpu:${r.gpu.tier}`, r.gpu.count, 'gpu');
  };

  switch (r.provider) {
    case 'fly': {
      const cpus = r.cpus ?? 1;
      const preset =
        r.cpuKind === 'performance'
          ? `performance-${cpus}x`
          : `shared-cpu-${cpus}x`;
      const row = add('fly', preset, 1, 'compute', 'running', r.region);
      if (row?.memoryGb !== undefined && (r.memoryGb ?? 0) > row.memoryGb)
        add('fly', 'memory-gb', r.memoryGb! - row.memoryGb, 'compute');
      storage('fly');
      break;
    }
    case 'e2b':
      add('e2b', 'vcpu', r.cpus, 'compute');
      add('e2b', 'memory-gib', r.memoryGb, 'compute');
      break;
    case 'runpod':
      if (r.gpu) gpu('runpod');
      else
        missing.push(
          'runpod CPU pods: RunPod publishes no list rate; set one in sindri.cost.rates',
        );
      storage('runpod', 'volume-gb-stopped');
      break;
    case 'northflank':
      add('northflank', 'vcpu', r.cpus, 'compute');
      add('northflank', 'memory-gb', r.memoryGb, 'compute');
      gpu('northflank');
      storage('northflank');
      break;
    case 'devpod':
      if (!r.machine) {
        missing.push('devpod: no machine type in the sindri.yaml');
        break;
      }
      add('devpod', `${r.machine.cloud}:${r.machine.type}`, 1, 'compute');
      break;
    default:
      if (OWN_HARDWARE.has(r.provider)) {
        // own hardware costs nothing unless the operator gives it a rate
        add(r.provider, 'vcpu', r.cpus, 'compute');
        add(r.provider, 'memory-gb', r.memoryGb, 'compute');
        storage(r.provider);
        if (!lines.length)
          return {
            lines,
            missing: [
              `${r.provider}: own hardware, no rate set in sindri.cost.rates (counted as 0)`,
            ],
          };
      } else missing.push(`${r.provider}: no price table`);
  }
  // own hardware without a rate for one part: that part is free, not unknown
  return {
    lines,
    missing: OWN_HARDWARE.has(r.provider)
      ? missing.map(m => `${m} (counted as 0)`)
      : missing,
  };
}
