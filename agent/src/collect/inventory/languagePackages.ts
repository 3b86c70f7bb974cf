import { PackageURL } from 'packageurl-js';
import { InventoryComponent } from '@internal/plugin-sindri-common';
import { runTool } from './runTool';
import { SourceResult } from './types';

const purl = (
  type: string,
  name: string,
  version: string,
  namespace?: string,
) =>
  new PackageURL(
    type,
    namespace,
    name,
    version,
    undefined,
    undefined,
  ).toString();

/** Global npm installs: `pkg:npm/<scope>/<name>@<version>`. */
export async function npmGlobals(): Promise<SourceResult> {
  const result = await runTool('npm', ['ls', '-g', '--json', '--depth=0']);
  if (!result.ok) return { source: 'npm', error: result };
  const tree = JSON.parse(result.stdout || '{}') as {
    dependencies?: Record<string, { version?: string }>;
  };
  const components: InventoryComponent[] = [];
  for (const [full, dep] of Object.entries(tree.dependencies ?? {})) {
    if (!dep.version) continue;
    const scoped = full.startsWith('@') ? full.split('/') : undefined;
    components.push({
      source: 'npm',
      name: full,
      version: dep.version,
      purl: scoped
        ? purl('npm', scoped[1], dep.version, scoped[0])
        : purl('npm', full, dep.version),
    });
  }
  return { source: 'npm', components };
}

/** What `python3 -m pip` has installed: `pkg:pypi/<name>@<version>`. */
export async function pipPackages(): Promise<SourceResult> {
  const result = await runTool('python3', [
    '-m',
    'pip',
    'list',
    '--format=json',
    '--disable-pip-version-check',
  ]);
  if (!result.ok) return { source: 'pip', error: result };
  const list = JSON.parse(result.stdout || '[]') as Array<{
    name: string;
    version: string;
  }>;
  return {
    source: 'pip',
    components: list.map(p => ({
      source: 'pip' as const,
      name: p.name,
      version: p.version,
      // PyPI names are compared normalised: lower case, runs of -_. as one -
      purl: purl(
        'pypi',
        p.name.toLowerCase().replace(/[-_.]+/g, '-'),
        p.version,
      ),
    })),
  };
}

/** `cargo install --list`: `pkg:cargo/<name>@<version>`. */
export async function cargoInstalls(): Promise<SourceResult> {
  const result = await runTool('cargo', ['install', '--list']);
  if (!result.ok) return { source: 'cargo', error: result };
  const components: InventoryComponent[] = [];
  for (const line of result.stdout.split('\n')) {
    const m = /^([A-Za-z0-9_-]+) v([^\s:]+)/.exec(line);
    if (m)
      components.push({
        source: 'cargo',
        name: m[1],
        version: m[2],
        purl: purl('cargo', m[1], m[2]),
      });
  }
  return { source: 'cargo', components };
}

interface SindriBomComponent {
  name: string;
  version: string;
  metadata?: Record<string, string>;
}

/**
 * Sindri's own bill of materials (`sindri bom generate --json`): the
 * components of the installed extensions, with the purl their extension
 * declares (else `pkg:generic`). Sindri prints a sentence, not JSON, when
 * no extension is installed.
 */
export async function sindriBom(cli = 'sindri'): Promise<SourceResult> {
  const result = await runTool(cli, ['bom', 'generate', '--json'], {
    timeoutMs: 120_000,
  });
  if (!result.ok) return { source: 'sindri-bom', error: result };
  const text = result.stdout.trim();
  if (!text.startsWith('{'))
    return {
      source: 'sindri-bom',
      components: [],
      note: text.slice(0, 200) || 'no output',
    };
  const bom = JSON.parse(text) as {
    extensions?: Array<{ name: string; components?: SindriBomComponent[] }>;
    system_components?: SindriBomComponent[];
  };
  const components: InventoryComponent[] = [];
  const add = (c: SindriBomComponent, extension?: string) => {
    if (!c.name || !c.version) return;
    components.push({
      source: 'sindri-bom',
      name: c.name,
      version: c.version,
      purl: c.metadata?.purl ?? purl('generic', c.name, c.version),
      ...(extension ? { extension } : {}),
    });
  };
  for (const e of bom.extensions ?? [])
    for (const c of e.components ?? []) add(c, e.name);
  for (const c of bom.system_components ?? []) add(c);
  return { source: 'sindri-bom', components };
}
