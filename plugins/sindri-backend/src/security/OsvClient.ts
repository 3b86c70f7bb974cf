import { OsvQuery, OsvRecord } from './osvRecords';

const TIMEOUT_MS = 30_000;

/** A failure to reach the advisory source: the sync is retried, the cache kept. */
export class OsvUnreachable extends Error {}

/**
 * OSV's API, at the configured URL (api.osv.dev, or an organisation's
 * mirror): the batch query, which answers advisory ids per query, and the
 * record of one advisory.
 */
export class OsvClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get url() {
    return this.baseUrl;
  }

  /** The ids (and modified dates) of the advisories of each query, in order. */
  async queryBatch(
    queries: OsvQuery[],
  ): Promise<Array<Array<{ id: string; modified?: string }>>> {
    const body = (await this.request('/v1/querybatch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ queries }),
    })) as {
      results?: Array<{ vulns?: Array<{ id: string; modified?: string }> }>;
    };
    const results = body.results ?? [];
    if (results.length !== queries.length)
      throw new OsvUnreachable(
        `the advisory source answered ${results.length} results for ${queries.length} queries`,
      );
    return results.map(r => r.vulns ?? []);
  }

  async vuln(id: string): Promise<OsvRecord> {
    return (await this.request(`/v1/vulns/${encodeURIComponent(id)}`, {
      method: 'GET',
    })) as OsvRecord;
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}${path}`;
    const response = await this.fetchImpl(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch(error => {
      throw new OsvUnreachable(
        `${url}: ${error.cause?.code ?? error.message ?? error}`,
      );
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new OsvUnreachable(`${url}: HTTP ${response.status}`);
    }
    return response.json();
  }
}
