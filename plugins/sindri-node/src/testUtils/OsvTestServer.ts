import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PackageURL } from 'packageurl-js';

/** A query of OSV's batch API, as the portal sends it. */
export interface OsvTestQuery {
  package: { ecosystem?: string; name?: string; purl?: string };
  version?: string;
}

interface Affected {
  package?: { ecosystem?: string; name?: string };
  ranges?: Array<{ type: string; events: Array<Record<string, string>> }>;
  versions?: string[];
}

/** OSV records to serve: real ones, as the advisory databases publish them. */
export interface OsvTestRecord {
  id: string;
  modified?: string;
  affected?: Affected[];
}

const ECOSYSTEM_OF_PURL: Record<string, string> = {
  pypi: 'PyPI',
  npm: 'npm',
  cargo: 'crates.io',
  gem: 'RubyGems',
  golang: 'Go',
  maven: 'Maven',
  nuget: 'NuGet',
};

/** Ecosystem and name a query names, from its package or its purl. */
function packageOf(query: OsvTestQuery) {
  if (!query.package.purl) return query.package;
  const p = PackageURL.fromString(query.package.purl);
  const name =
    p.type === 'npm' && p.namespace ? `${p.namespace}/${p.name}` : p.name;
  return { ecosystem: ECOSYSTEM_OF_PURL[p.type], name };
}

/**
 * Real OSV records from the GitHub Advisory Database, for package versions
 * this project's machines have installed (see testdata/osv/README.md).
 */
export function realOsvRecords(): OsvTestRecord[] {
  const dir = resolvePackagePath(
    '@internal/plugin-sindri-node',
    'testdata/osv',
  );
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.json'))
    .sort()
    .map(f => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** a < b: Debian's rules by dpkg itself; elsewhere dotted numbers, then text. */
function lessThan(ecosystem: string, a: string, b: string): boolean {
  if (/^(Debian|Ubuntu)/.test(ecosystem)) {
    try {
      execFileSync('dpkg', ['--compare-versions', a, 'lt', b]);
      return true;
    } catch {
      return false;
    }
  }
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? '0', pb[i] ?? '0'];
    const [nx, ny] = [Number(x), Number(y)];
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx < ny;
    } else if (x !== y) return x < y;
  }
  return false;
}

/** Whether an affected entry's ECOSYSTEM ranges or versions list the version. */
function affects(ecosystem: string, entry: Affected, version: string) {
  if (entry.versions?.includes(version)) return true;
  for (const range of entry.ranges ?? []) {
    if (range.type !== 'ECOSYSTEM') continue;
    let inRange = false;
    for (const event of range.events) {
      if (event.introduced !== undefined)
        inRange =
          event.introduced === '0' ||
          !lessThan(ecosystem, version, event.introduced);
      if (
        event.fixed !== undefined &&
        !lessThan(ecosystem, version, event.fixed)
      )
        inRange = false;
      if (
        event.last_affected !== undefined &&
        lessThan(ecosystem, event.last_affected, version)
      )
        inRange = false;
    }
    if (inRange) return true;
  }
  return false;
}

/**
 * A local HTTP server answering OSV's API (`POST /v1/querybatch`,
 * `GET /v1/vulns/{id}`) from the records it is given, matching versions by
 * their ECOSYSTEM ranges. It can be stopped and started again on the same
 * port, to play an outage.
 */
export class OsvTestServer {
  /** every batch asked, in order */
  readonly batches: OsvTestQuery[][] = [];
  private server?: http.Server;
  private port: number;

  private constructor(private readonly records: OsvTestRecord[], port: number) {
    this.port = port;
  }

  static async start(options: { records: OsvTestRecord[]; port?: number }) {
    const server = new OsvTestServer(options.records, options.port ?? 0);
    await server.start();
    return server;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => this.answer(req, res));
    await new Promise<void>(resolve =>
      server.listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url?.startsWith('/v1/vulns/')) {
      const id = decodeURIComponent(req.url.slice('/v1/vulns/'.length));
      const record = this.records.find(r => r.id === id);
      json(record ? 200 : 404, record ?? { message: 'Bug not found.' });
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/querybatch') {
      json(404, { message: 'not found' });
      return;
    }
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const { queries } = JSON.parse(body) as { queries: OsvTestQuery[] };
      this.batches.push(queries);
      json(200, {
        results: queries.map(query => {
          const { ecosystem, name } = packageOf(query);
          const vulns = this.records
            .filter(record =>
              (record.affected ?? []).some(
                a =>
                  a.package?.ecosystem === ecosystem &&
                  a.package?.name === name &&
                  query.version !== undefined &&
                  affects(ecosystem ?? '', a, query.version),
              ),
            )
            .map(r => ({ id: r.id, modified: r.modified }));
          return vulns.length ? { vulns } : {};
        }),
      });
    });
  }
}
