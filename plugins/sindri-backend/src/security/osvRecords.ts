import { fromVector } from 'ae-cvss-calculator';
import { PackageURL } from 'packageurl-js';

export type AdvisorySeverity =
  | 'critical'
  | 'high'
  | 'medium'
  | 'low'
  | 'unknown';

/** A query of OSV's batch API: a package (by ecosystem and name, or purl) at a version. */
export interface OsvQuery {
  package: { ecosystem?: string; name?: string; purl?: string };
  version: string;
}

/** The purl types OSV knows by purl; a distro's packages are asked by ecosystem instead. */
const BY_PURL = new Set([
  'npm',
  'pypi',
  'cargo',
  'gem',
  'golang',
  'maven',
  'nuget',
  'composer',
  'hex',
  'pub',
]);

/**
 * What to ask OSV about a package URL, or undefined when OSV has no
 * advisories for its kind (a `pkg:generic` tool, an RPM of an unknown
 * distro). Debian packages are asked under their source package
 * (`upstream`), as Debian files its advisories.
 */
export function osvQueryOf(purl: string): OsvQuery | undefined {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
  if (!p.version) return undefined;
  const distroVersion = (prefix: string) => {
    const distro = p.qualifiers?.distro;
    return distro?.startsWith(`${prefix}-`)
      ? distro.slice(prefix.length + 1)
      : undefined;
  };
  if (p.type === 'deb' && p.namespace === 'debian') {
    const release = distroVersion('debian')?.split('.')[0];
    return {
      package: {
        ecosystem: release ? `Debian:${release}` : 'Debian',
        name: p.qualifiers?.upstream?.split('@')[0] ?? p.name,
      },
      version: p.version,
    };
  }
  if (p.type === 'deb' && p.namespace === 'ubuntu') {
    const release = distroVersion('ubuntu');
    return {
      package: {
        ecosystem: release ? `Ubuntu:${release}` : 'Ubuntu',
        name: p.qualifiers?.upstream?.split('@')[0] ?? p.name,
      },
      version: p.version,
    };
  }
  if (p.type === 'apk' && p.namespace === 'alpine') {
    const release = distroVersion('alpine')?.split('.').slice(0, 2).join('.');
    return {
      package: {
        ecosystem: release ? `Alpine:v${release}` : 'Alpine',
        name: p.name,
      },
      version: p.version,
    };
  }
  if (BY_PURL.has(p.type))
    return {
      package: {
        purl: new PackageURL(
          p.type,
          p.namespace,
          p.name,
          undefined,
          undefined,
          undefined,
        ).toString(),
      },
      version: p.version,
    };
  return undefined;
}

/** An OSV record as the API returns it (the fields this portal reads). */
export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  severity?: Array<{ type: string; score: string }>;
  affected?: Array<{
    package?: { ecosystem?: string; name?: string; purl?: string };
    ranges?: Array<{
      type: string;
      events: Array<Record<string, string>>;
    }>;
    versions?: string[];
    database_specific?: Record<string, unknown>;
    ecosystem_specific?: Record<string, unknown>;
  }>;
  references?: Array<{ type: string; url: string }>;
  database_specific?: Record<string, unknown>;
}

const bandOf = (score: number): AdvisorySeverity => {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
};

const DATABASE_SEVERITY: Record<string, AdvisorySeverity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

/**
 * The severity of a record: the highest CVSS base score among its vectors
 * (v4, v3.x, v2), else the severity its database gives, else unknown.
 */
export function severityOf(record: OsvRecord): {
  severity: AdvisorySeverity;
  score?: number;
  vector?: string;
} {
  let best: { score: number; vector: string } | undefined;
  for (const s of record.severity ?? []) {
    if (!s.type.startsWith('CVSS')) continue;
    const parsed = fromVector(s.score);
    const score = parsed?.calculateScores()?.base;
    if (typeof score === 'number' && (!best || score > best.score))
      best = { score, vector: s.score };
  }
  if (best) return { severity: bandOf(best.score), ...best };
  const stated = String(record.database_specific?.severity ?? '').toUpperCase();
  return { severity: DATABASE_SEVERITY[stated] ?? 'unknown' };
}

/** OSV's ecosystem names of the purl types asked by purl. */
const ECOSYSTEM_OF_PURL: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  cargo: 'crates.io',
  gem: 'RubyGems',
  golang: 'Go',
  maven: 'Maven',
  nuget: 'NuGet',
  composer: 'Packagist',
  hex: 'Hex',
  pub: 'Pub',
};

/** Ecosystem and name of what a query asks about, whether by name or by purl. */
function packageOfQuery(query: OsvQuery) {
  if (!query.package.purl) return query.package;
  const p = PackageURL.fromString(query.package.purl);
  const name =
    p.type === 'maven' && p.namespace
      ? `${p.namespace}:${p.name}`
      : [p.namespace, p.name].filter(Boolean).join('/');
  return { ecosystem: ECOSYSTEM_OF_PURL[p.type], name };
}

/** The record's affected entries for the package the query named. */
function affectedFor(record: OsvRecord, query: OsvQuery) {
  const { ecosystem, name } = packageOfQuery(query);
  const normalise = (n?: string) =>
    ecosystem === 'PyPI' ? n?.toLowerCase().replace(/[-_.]+/g, '-') : n;
  return (record.affected ?? []).filter(
    a =>
      (!ecosystem || a.package?.ecosystem === ecosystem) &&
      (!name || normalise(a.package?.name) === normalise(name)),
  );
}

/** Fixed versions the record names for the package it matched. */
export function fixedVersionsOf(record: OsvRecord, query: OsvQuery): string[] {
  const fixed = new Set<string>();
  for (const a of affectedFor(record, query))
    for (const r of a.ranges ?? [])
      for (const e of r.events) if (e.fixed) fixed.add(e.fixed);
  return [...fixed];
}

/** The versions the record says are affected, as ranges (`>= 1.0, < 1.4`) or listed versions. */
export function affectedVersionsOf(
  record: OsvRecord,
  query: OsvQuery,
): string[] {
  const described: string[] = [];
  for (const a of affectedFor(record, query)) {
    for (const r of a.ranges ?? []) {
      if (r.type === 'GIT') continue;
      const parts: string[] = [];
      for (const e of r.events) {
        if (e.introduced !== undefined)
          parts.push(
            e.introduced === '0' ? 'from the first' : `>= ${e.introduced}`,
          );
        if (e.fixed !== undefined) parts.push(`< ${e.fixed}`);
        if (e.last_affected !== undefined) parts.push(`<= ${e.last_affected}`);
        if (e.limit !== undefined) parts.push(`< ${e.limit}`);
      }
      if (parts.length) described.push(parts.join(', '));
    }
    if (a.versions?.length)
      described.push(
        `versions ${a.versions.slice(0, 10).join(', ')}${
          a.versions.length > 10 ? ` and ${a.versions.length - 10} more` : ''
        }`,
      );
  }
  return [...new Set(described)];
}
