import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CommandRun } from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { InstanceStore } from '../database/InstanceStore';
import { CommandTarget } from './CommandService';
import { resolveTargets } from './resolveTargets';

/** The instances a command's target selects, and on which of them the caller may run it. */
export class CommandTargets {
  constructor(
    private readonly deps: {
      instances: InstanceStore;
      catalog: CatalogService;
      guard: PermissionGuard;
    },
  ) {}

  resolve(
    target: CommandRun['target'],
    credentials: BackstageCredentials,
  ): Promise<CommandTarget[]> {
    return resolveTargets(target, { ...this.deps, credentials });
  }
}
