import { ExtensionRegistry } from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { ListFilter } from '../auth/PermissionGuard';
import { ExtensionUsageStore } from './ExtensionUsageStore';

const USAGE_SOURCE =
  "the extensions each instance's agent last reported from Sindri's status ledger, counted over the instances you may read";

/** The registry as the portal shows it, with how the readable fleet uses each extension. */
export class ExtensionService {
  constructor(
    private readonly registry: SindriRegistryService,
    private readonly usage: ExtensionUsageStore,
  ) {}

  async list(readable: ListFilter): Promise<ExtensionRegistry> {
    const usedBy = new Map<string, number>();
    const failedOn = new Map<string, number>();
    const count = (counts: Map<string, number>, names: string[]) => {
      for (const name of new Set(names))
        counts.set(name, (counts.get(name) ?? 0) + 1);
    };
    const reports =
      readable.kind === 'none'
        ? []
        : await this.usage.reports(
            readable.kind === 'some' ? readable.criteria : undefined,
          );
    for (const report of reports) {
      count(usedBy, report.installed);
      count(failedOn, report.failed);
    }
    return {
      source: {
        registryVersion: this.registry.version(),
        usage: USAGE_SOURCE,
      },
      extensions: this.registry.listExtensions().map(ext => ({
        name: ext.name,
        version: ext.version,
        description: ext.description,
        category: ext.category,
        dependencies: ext.dependencies,
        installMethod: ext.installMethod,
        requirements: ext.requirements,
        bom: ext.bom,
        usedBy: usedBy.get(ext.name) ?? 0,
        failedOn: failedOn.get(ext.name) ?? 0,
      })),
    };
  }
}
