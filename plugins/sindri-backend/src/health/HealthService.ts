import { Knex } from 'knex';
import { HealthResponse } from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { checkDatabase } from './checkDatabase';

/** Whether the plugin can serve: its database answers and the registry is loaded. */
export class HealthService {
  private unreachableSince?: Date;

  constructor(
    private readonly knex: Knex,
    private readonly registry: SindriRegistryService,
  ) {}

  async check(): Promise<HealthResponse> {
    const database = await checkDatabase(this.knex);
    if (database.reachable) this.unreachableSince = undefined;
    else this.unreachableSince ??= new Date();
    return {
      status: database.reachable ? 'ok' : 'degraded',
      database: {
        ...database,
        ...(this.unreachableSince
          ? { unreachableSince: this.unreachableSince.toISOString() }
          : {}),
      },
      registry: {
        // the registry's own; custom extensions are the organisation's
        extensions: this.registry.listExtensions().filter(e => !e.custom)
          .length,
        profiles: this.registry.listProfiles().length,
      },
    };
  }
}
