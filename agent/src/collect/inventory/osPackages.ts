import fs from 'node:fs/promises';
import { PackageURL } from 'packageurl-js';
import { InventoryComponent } from '@internal/plugin-sindri-common';
import { OsRelease } from './osRelease';
import { runTool } from './runTool';
import { SourceResult } from './types';

const distroOf = (os?: OsRelease) =>
  os?.versionId ? `${os.id}-${os.versionId}` : os?.id;

const qualifiers = (values: Record<string, string | undefined>) => {
  const present = Object.entries(values).filter((e): e is [string, string] =>
    Boolean(e[1]),
  );
  return present.length ? Object.fromEntries(present) : undefined;
};

/** dpkg's installed packages: `pkg:deb/<os>/<name>@<version>?arch=..&distro=..&upstream=<source>`. */
export async function dpkgPackages(os?: OsRelease): Promise<SourceResult> {
  const result = await runTool('dpkg-query', [
    '-W',
    '-f=${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${Architecture}\\t${source:Package}\\n',
  ]);
  if (!result.ok) return { source: 'dpkg', error: result };
  const components: InventoryComponent[] = [];
  for (const line of result.stdout.split('\n')) {
    const [status, name, version, arch, upstream] = line.split('\t');
    // only what is installed (ii), not removed packages whose config stays
    if (!name || !version || !status?.startsWith('ii')) continue;
    components.push({
      source: 'dpkg',
      name,
      version,
      purl: new PackageURL(
        'deb',
        os?.id ?? 'debian',
        name,
        version,
        qualifiers({
          arch,
          distro: distroOf(os),
          upstream: upstream && upstream !== name ? upstream : undefined,
        }),
        undefined,
      ).toString(),
    });
  }
  return { source: 'dpkg', components };
}

/** rpm's installed packages: `pkg:rpm/<os>/<name>@<version>-<release>?arch=..&epoch=..`. */
export async function rpmPackages(os?: OsRelease): Promise<SourceResult> {
  const result = await runTool('rpm', [
    '-qa',
    '--qf',
    '%{NAME}\\t%{EPOCH}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\n',
  ]);
  if (!result.ok) return { source: 'rpm', error: result };
  const components: InventoryComponent[] = [];
  for (const line of result.stdout.split('\n')) {
    const [name, epoch, version, arch] = line.split('\t');
    if (!name || !version || name === 'gpg-pubkey') continue;
    components.push({
      source: 'rpm',
      name,
      version,
      purl: new PackageURL(
        'rpm',
        os?.id ?? 'redhat',
        name,
        version,
        qualifiers({
          arch: arch === '(none)' ? undefined : arch,
          epoch: epoch && epoch !== '(none)' ? epoch : undefined,
          distro: distroOf(os),
        }),
        undefined,
      ).toString(),
    });
  }
  return { source: 'rpm', components };
}

/** Alpine's installed packages, from apk's database: `pkg:apk/alpine/<name>@<version>`. */
export async function apkPackages(
  os?: OsRelease,
  database = '/lib/apk/db/installed',
): Promise<SourceResult> {
  const text = await fs.readFile(database, 'utf8').catch(error => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined)
    return {
      source: 'apk',
      error: {
        ok: false,
        missing: true,
        message: `${database} does not exist`,
      },
    };
  const components: InventoryComponent[] = [];
  for (const stanza of text.split('\n\n')) {
    const field = (key: string) =>
      stanza.match(new RegExp(`^${key}:(.*)$`, 'm'))?.[1];
    const name = field('P');
    const version = field('V');
    if (!name || !version) continue;
    components.push({
      source: 'apk',
      name,
      version,
      purl: new PackageURL(
        'apk',
        os?.id ?? 'alpine',
        name,
        version,
        qualifiers({ arch: field('A'), distro: distroOf(os) }),
        undefined,
      ).toString(),
    });
  }
  return { source: 'apk', components };
}
