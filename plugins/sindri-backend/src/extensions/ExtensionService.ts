import { NotFoundError } from '@backstage/errors';
import {
  ExtensionDetail,
  ExtensionRegistry,
  FleetExtensionUsage,
  RegistryExtension,
  SindriExtension,
} from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { ListFilter } from '../auth/PermissionGuard';
import { ExtensionReport, ExtensionUsageStore } from './ExtensionUsageStore';

const USAGE_SOURCE =
  "the extensions each instance's agent last reported from Sindri's status ledger, over the instances you may read";

/** The registry as the portal shows it, with how the readable fleet uses each extension. */
export class ExtensionService {
  constructor(
    private readonly registry: SindriRegistryService,
    private readonly store: ExtensionUsageStore,
  ) {}

  async list(readable: ListFilter): Promise<ExtensionRegistry> {
    const usedBy = new Map<string, number>();
    const failedOn = new Map<string, number>();
    const durations = new Map<string, number[]>();
    const count = (counts: Map<string, number>, names: string[]) => {
      for (const name of new Set(names))
        counts.set(name, (counts.get(name) ?? 0) + 1);
    };
    for (const report of await this.reports(readable)) {
      count(usedBy, report.installed);
      count(
        failedOn,
        report.failed.map(f => f.name),
      );
      for (const [name, seconds] of Object.entries(report.installSeconds))
        durations.set(name, [...(durations.get(name) ?? []), seconds]);
    }
    return {
      source: {
        registryVersion: this.registry.version(),
        usage: USAGE_SOURCE,
      },
      extensions: this.registry.listExtensions().map(ext => ({
        ...toApi(ext, usedBy.get(ext.name) ?? 0, failedOn.get(ext.name) ?? 0),
        ...installTime(durations.get(ext.name)),
      })),
      invalid: this.registry.invalidExtensions(),
    };
  }

  async get(name: string, readable: ListFilter): Promise<ExtensionDetail> {
    const ext = this.registry.getExtension(name);
    if (!ext)
      throw new NotFoundError(
        `no extension "${name}" in the registry or the custom ones`,
      );
    const instances: ExtensionDetail['instances'] = [];
    for (const report of await this.reports(readable)) {
      const failed = report.failed.find(f => f.name === name);
      if (report.installed.includes(name))
        instances.push({ name: report.instance, state: 'installed' });
      else if (failed)
        instances.push({
          name: report.instance,
          state: 'failed',
          ...(failed.error ? { error: failed.error } : {}),
        });
    }
    const count = (state: string) =>
      instances.filter(i => i.state === state).length;
    return {
      ...toApi(ext, count('installed'), count('failed')),
      usageSource: USAGE_SOURCE,
      instances,
    };
  }

  async usage(readable: ListFilter): Promise<FleetExtensionUsage> {
    return {
      source: USAGE_SOURCE,
      instances: (await this.reports(readable)).map(report => ({
        name: report.instance,
        owner: report.owner,
        ...(report.provider ? { provider: report.provider } : {}),
        installed: report.installed,
        failed: report.failed.map(f => f.name),
        ...(report.ledgerUnknown
          ? { ledgerUnknown: report.ledgerUnknown }
          : {}),
      })),
    };
  }

  private reports(readable: ListFilter): Promise<ExtensionReport[]> {
    if (readable.kind === 'none') return Promise.resolve([]);
    return this.store.reports(
      readable.kind === 'some' ? readable.criteria : undefined,
    );
  }
}

/** Mean and 95th percentile (nearest rank) of the reported install durations. */
function installTime(
  seconds: number[] | undefined,
): Pick<RegistryExtension, 'installTime'> {
  if (!seconds?.length) return {};
  const sorted = [...seconds].sort((a, b) => a - b);
  return {
    installTime: {
      samples: sorted.length,
      meanSeconds:
        Math.round((sorted.reduce((a, b) => a + b, 0) / sorted.length) * 10) /
        10,
      p95Seconds: sorted[Math.ceil(0.95 * sorted.length) - 1],
    },
  };
}

function toApi(
  ext: SindriExtension,
  usedBy: number,
  failedOn: number,
): RegistryExtension {
  return {
    name: ext.name,
    version: ext.version,
    description: ext.description,
    category: ext.category,
    dependencies: ext.dependencies,
    installMethod: ext.installMethod,
    requirements: ext.requirements,
    bom: ext.bom,
    ...(ext.custom ? { custom: true } : {}),
    usedBy,
    failedOn,
  };
}
