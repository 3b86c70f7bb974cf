import { Knex } from 'knex';
import { toIso } from '../database/time';
import { AdvisorySeverity, OsvRecord, severityOf } from './osvRecords';

/** The last sync with the advisory source. */
export interface SyncState {
  url: string;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
}

/** An advisory as stored: what the UI shows of it. */
export interface StoredAdvisory {
  id: string;
  summary: string;
  severity: AdvisorySeverity;
  score?: number;
  vector?: string;
  aliases: string[];
  published?: string;
  modified?: string;
  references: string[];
  record: OsvRecord;
}

const SYNC_ROW = 1;

function advisoryOfRow(row: any): StoredAdvisory {
  const data = JSON.parse(row.data);
  return {
    id: row.id,
    summary: row.summary,
    severity: row.severity,
    ...(row.score !== null ? { score: Number(row.score) } : {}),
    ...(data.vector ? { vector: data.vector } : {}),
    aliases: data.record.aliases ?? [],
    ...(data.record.published ? { published: data.record.published } : {}),
    ...(row.modified ? { modified: toIso(row.modified) } : {}),
    references: (data.record.references ?? [])
      .map((r: { url: string }) => r.url)
      .slice(0, 10),
    record: data.record,
  };
}

/** Advisories fetched from OSV, which package versions they match, what was checked when, and the sync state. */
export class AdvisoryStore {
  constructor(private readonly knex: Knex) {}

  /** Package URLs installed somewhere whose last check is older than `staleBefore` (or never), up to `limit`. */
  async purlsDue(staleBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.knex('instance_components as c')
      .leftJoin('security_purl_checks as k', 'k.purl', 'c.purl')
      .where(q =>
        q.whereNull('k.checked_at').orWhere('k.checked_at', '<', staleBefore),
      )
      .distinct('c.purl')
      .orderBy('c.purl')
      .limit(limit);
    return rows.map(r => r.purl);
  }

  /** Ids of the stored advisories, with their modified dates. */
  async known(ids: string[]): Promise<Map<string, string | undefined>> {
    const known = new Map<string, string | undefined>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.knex('security_advisories')
        .whereIn('id', ids.slice(i, i + 500))
        .select('id', 'modified');
      for (const r of rows) known.set(r.id, toIso(r.modified));
    }
    return known;
  }

  async putAdvisory(record: OsvRecord, now: Date): Promise<void> {
    const { severity, score, vector } = severityOf(record);
    await this.knex('security_advisories')
      .insert({
        id: record.id,
        modified: record.modified ? new Date(record.modified) : null,
        summary: (record.summary || record.details || record.id).slice(0, 1000),
        severity,
        score: score ?? null,
        data: JSON.stringify({ vector, record }),
        fetched_at: now,
      })
      .onConflict('id')
      .merge();
  }

  /**
   * Stores what one batch found: the advisories of each checked purl replace
   * its earlier ones; purls OSV cannot be asked about are marked so.
   */
  async recordChecks(
    checked: Map<string, string[]>,
    unsupported: string[],
    now: Date,
  ): Promise<void> {
    await this.knex.transaction(async trx => {
      const purls = [...checked.keys()];
      for (let i = 0; i < purls.length; i += 200) {
        const chunk = purls.slice(i, i + 200);
        const existing = await trx('security_matches')
          .whereIn('purl', chunk)
          .select('purl', 'advisory_id', 'first_seen_at');
        const firstSeen = new Map(
          existing.map(e => [`${e.purl} ${e.advisory_id}`, e.first_seen_at]),
        );
        await trx('security_matches').whereIn('purl', chunk).delete();
        const rows = chunk.flatMap(purl =>
          checked.get(purl)!.map(id => ({
            purl,
            advisory_id: id,
            first_seen_at: firstSeen.get(`${purl} ${id}`) ?? now,
          })),
        );
        // a second run of the sync (a slow first one overran) may have stored them too
        for (let j = 0; j < rows.length; j += 200)
          await trx('security_matches')
            .insert(rows.slice(j, j + 200))
            .onConflict(['purl', 'advisory_id'])
            .ignore();
      }
      const marks = [
        ...purls.map(purl => ({ purl, checked_at: now, outcome: 'checked' })),
        ...unsupported.map(purl => ({
          purl,
          checked_at: now,
          outcome: 'unsupported',
        })),
      ];
      for (let i = 0; i < marks.length; i += 200)
        await trx('security_purl_checks')
          .insert(marks.slice(i, i + 200))
          .onConflict('purl')
          .merge();
    });
  }

  async syncState(url: string): Promise<SyncState> {
    const row = await this.knex('security_sync')
      .where({ id: SYNC_ROW })
      .first();
    if (!row) return { url };
    return {
      url: row.url,
      ...(row.last_success_at
        ? { lastSuccessAt: toIso(row.last_success_at) }
        : {}),
      ...(row.last_attempt_at
        ? { lastAttemptAt: toIso(row.last_attempt_at) }
        : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
    };
  }

  async syncSucceeded(url: string, now: Date): Promise<void> {
    await this.putSync({
      url,
      last_success_at: now,
      last_attempt_at: now,
      last_error: null,
    });
  }

  async syncFailed(url: string, error: string, now: Date): Promise<void> {
    await this.putSync({
      url,
      last_attempt_at: now,
      last_error: error.slice(0, 1000),
    });
  }

  private async putSync(values: Record<string, unknown>) {
    await this.knex('security_sync')
      .insert({ id: SYNC_ROW, ...values })
      .onConflict('id')
      .merge();
  }

  /** How many of these instances' package versions were asked about, could not be, or wait. */
  async coverage(instanceIds: readonly string[]) {
    const outcomes = new Map<string, string | null>();
    for (let i = 0; i < instanceIds.length; i += 500) {
      const rows = await this.knex('instance_components as c')
        .leftJoin('security_purl_checks as k', 'k.purl', 'c.purl')
        .whereIn('c.instance_id', instanceIds.slice(i, i + 500))
        .distinct('c.purl', 'k.outcome');
      for (const r of rows) outcomes.set(r.purl, r.outcome ?? null);
    }
    const counts = { checked: 0, unsupported: 0, pending: 0 };
    for (const outcome of outcomes.values()) {
      if (outcome === 'checked') counts.checked++;
      else if (outcome === 'unsupported') counts.unsupported++;
      else counts.pending++;
    }
    return counts;
  }

  /** The advisories matching an instance's packages, with the package each concerns. */
  async forInstance(instanceId: string) {
    const rows = await this.knex('instance_components as c')
      .join('security_matches as m', 'm.purl', 'c.purl')
      .join('security_advisories as a', 'a.id', 'm.advisory_id')
      .where('c.instance_id', instanceId)
      .select(
        'a.*',
        'c.name as package_name',
        'c.version as package_version',
        'c.source as package_source',
        'c.purl as package_purl',
        'm.first_seen_at',
      );
    return rows.map(r => ({
      advisory: advisoryOfRow(r),
      component: {
        source: r.package_source,
        name: r.package_name,
        version: r.package_version,
        purl: r.package_purl,
      },
      firstSeenAt: toIso(r.first_seen_at)!,
    }));
  }

  /** For the fleet: every (instance, advisory) pair among these instances. */
  async forInstances(instanceIds: readonly string[]) {
    const out: Array<{
      instanceId: string;
      advisory: StoredAdvisory;
      purl: string;
    }> = [];
    for (let i = 0; i < instanceIds.length; i += 500) {
      const rows = await this.knex('instance_components as c')
        .join('security_matches as m', 'm.purl', 'c.purl')
        .join('security_advisories as a', 'a.id', 'm.advisory_id')
        .whereIn('c.instance_id', instanceIds.slice(i, i + 500))
        .select('a.*', 'c.instance_id', 'c.purl as package_purl');
      for (const r of rows)
        out.push({
          instanceId: r.instance_id,
          advisory: advisoryOfRow(r),
          purl: r.package_purl,
        });
    }
    return out;
  }
}
