import { OsvQuery, OsvRecord } from './osvRecords';

const TIMEOUT_MS = 30_000;

/** A URL as it may be shown: user and password left out. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url;
  }
}

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

  /** The source's URL as shown and logged: without any credentials it carries. */
  get url() {
    return withoutCredentials(this.baseUrl);
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
    const shown = withoutCredentials(url);
    const response = await this.fetchImpl(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch(error => {
      throw new OsvUnreachable(
        `${shown}: ${error.cause?.code ?? error.message ?? error}`,
      );
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new OsvUnreachable(`${shown}: HTTP ${response.status}`);
    }
    return response.json();
  }
}
