import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The search backend's task that indexes the catalog (the catalog collator's type, as its scheduler names it). */
export const CATALOG_INDEX_TASK = 'search_index_software_catalog';

/** How the trigger waits: for the entity in the catalog, and between attempts while an index run is under way. */
export interface SearchIndexTriggerTiming {
  entityTimeoutMs: number;
  pollMs: number;
  busyRetryMs: number;
  busyAttempts: number;
}

const DEFAULT_TIMING: SearchIndexTriggerTiming = {
  entityTimeoutMs: 30_000,
  pollMs: 250,
  busyRetryMs: 2_000,
  busyAttempts: 15,
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Has the portal's search index the catalog as soon as new entities are in
 * it, instead of at the collator's next scheduled run: once every requested
 * entity can be read from the catalog, it triggers the search backend's
 * catalog index task through the scheduler's own route, with this plugin's
 * service credentials. Requests that arrive meanwhile are folded into one
 * more run. A run already under way (409) may have read the catalog before
 * the entity was there, and a task not scheduled yet (404) may be soon: the
 * trigger is tried again a few times, then left to the collator's schedule.
 */
export class SearchIndexTrigger {
  private readonly waiting = new Set<string>();
  private running?: Promise<void>;
  private readonly timing: SearchIndexTriggerTiming;

  constructor(
    private readonly deps: {
      auth: AuthService;
      discovery: DiscoveryService;
      catalog: CatalogService;
      logger: LoggerService;
      taskId?: string;
      timing?: Partial<SearchIndexTriggerTiming>;
    },
  ) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
  }

  /** Index once this entity is in the catalog; returns when that run was triggered (or given up). */
  request(entityRef: string): Promise<void> {
    this.waiting.add(entityRef);
    if (!this.running)
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async drain() {
    while (this.waiting.size) {
      const refs = [...this.waiting];
      this.waiting.clear();
      try {
        await this.untilInCatalog(refs);
        await this.trigger();
      } catch (error) {
        this.deps.logger.warn(
          `Search index of ${refs.join(
            ', ',
          )} not triggered: ${error}; the collator's schedule will index them`,
        );
      }
    }
  }

  /** Waits until the catalog serves these entities; past the timeout, goes on with those it does. */
  private async untilInCatalog(refs: string[]) {
    const deadline = Date.now() + this.timing.entityTimeoutMs;
    for (;;) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['metadata.name'] },
        { credentials: await this.deps.auth.getOwnServiceCredentials() },
      );
      const missing = refs.filter((_, i) => !items[i]);
      if (!missing.length) return;
      if (Date.now() > deadline) {
        this.deps.logger.warn(
          `${missing.join(', ')} not in the catalog after ${
            this.timing.entityTimeoutMs
          } ms; indexing without them (the collator's schedule will)`,
        );
        return;
      }
      await sleep(this.timing.pollMs);
    }
  }

  private async trigger() {
    const taskId = this.deps.taskId ?? CATALOG_INDEX_TASK;
    const base = await this.deps.discovery.getBaseUrl('search');
    for (let attempt = 1; ; attempt++) {
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'search',
      });
      const res = await fetch(
        `${base}/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          taskId,
        )}/trigger`,
        { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
      );
      if (res.ok) return;
      // 409: a run is under way and may have read the catalog too early; 404: no such task (yet)
      if (
        ![404, 409].includes(res.status) ||
        attempt >= this.timing.busyAttempts
      )
        throw new Error(`POST ${taskId}/trigger answered ${res.status}`);
      await sleep(this.timing.busyRetryMs);
    }
  }
}
