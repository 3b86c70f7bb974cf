import { LoggerService } from '@backstage/backend-plugin-api';
import { AdvisoryStore } from './AdvisoryStore';
import { OsvClient, OsvUnreachable } from './OsvClient';
import { osvQueryOf } from './osvRecords';

/** OSV's batch API takes at most this many queries at once. */
const BATCH = 1000;
/** Package versions looked at in one run; the rest wait for the next. */
const PER_RUN = 20_000;

export interface OsvSyncSettings {
  /** a package version is asked about again after this long */
  recheckAfterMs: number;
}

/**
 * Matches the fleet's installed package versions against OSV: the versions
 * not checked yet (or not for `recheckAfterMs`) are asked in batches, new or
 * changed advisories fetched, and the matches stored. An unreachable source
 * leaves the cache as it was and records since when it failed. Run by a
 * scheduled task, once across replicas.
 */
export class OsvSync {
  constructor(
    private readonly deps: {
      client: OsvClient;
      store: AdvisoryStore;
      settings: OsvSyncSettings;
      logger: LoggerService;
    },
  ) {}

  async sync(
    now = new Date(),
  ): Promise<{ checked: number; advisories: number }> {
    const { client, store } = this.deps;
    const due = await store.purlsDue(
      new Date(now.getTime() - this.deps.settings.recheckAfterMs),
      PER_RUN,
    );
    let checked = 0;
    let fetched = 0;
    try {
      for (let i = 0; i < due.length; i += BATCH) {
        const batch = due.slice(i, i + BATCH);
        const asked: Array<{
          purl: string;
          query: NonNullable<ReturnType<typeof osvQueryOf>>;
        }> = [];
        const unsupported: string[] = [];
        for (const purl of batch) {
          const query = osvQueryOf(purl);
          if (query) asked.push({ purl, query });
          else unsupported.push(purl);
        }
        const results = asked.length
          ? await client.queryBatch(asked.map(a => a.query))
          : [];
        const ids = [...new Set(results.flat().map(v => v.id))];
        const known = await store.known(ids);
        const modified = new Map(results.flat().map(v => [v.id, v.modified]));
        for (const id of ids) {
          const stored = known.get(id);
          const changed =
            !known.has(id) ||
            (modified.get(id) !== undefined &&
              stored !== undefined &&
              Date.parse(modified.get(id)!) > Date.parse(stored));
          if (!changed) continue;
          await store.putAdvisory(await client.vuln(id), now);
          fetched++;
        }
        await store.recordChecks(
          new Map(asked.map((a, j) => [a.purl, results[j].map(v => v.id)])),
          unsupported,
          now,
        );
        checked += batch.length;
      }
      // a run with nothing due still proves the source answers
      if (!due.length) await client.queryBatch([]);
      await store.syncSucceeded(client.url, now);
    } catch (error) {
      if (!(error instanceof OsvUnreachable)) throw error;
      await store.syncFailed(client.url, error.message, now);
      this.deps.logger.warn(`Advisories not synced: ${error.message}`);
    }
    return { checked, advisories: fetched };
  }
}
