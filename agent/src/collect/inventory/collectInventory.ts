import crypto from 'node:crypto';
import {
  INGEST_LIMITS,
  InventoryComponent,
  InventoryPart,
  ListeningPort,
  SshKey,
} from '@internal/plugin-sindri-common';
import {
  cargoInstalls,
  npmGlobals,
  pipPackages,
  sindriBom,
} from './languagePackages';
import { readListeningPorts } from './listeningPorts';
import { apkPackages, dpkgPackages, rpmPackages } from './osPackages';
import { OsRelease, readOsRelease } from './osRelease';
import { runTool } from './runTool';
import { readAuthorizedKeys } from './sshKeys';
import { SourceResult } from './types';

/** Components per frame, kept well under the frame size limit. */
const PART_BYTES = 160 * 1024;

/** What the instance has installed and exposes, and its digest. */
export interface Inventory {
  hash: string;
  collectedAt: string;
  os?: OsRelease;
  cli?: { version: string };
  sources: NonNullable<InventoryPart['sources']>;
  components: InventoryComponent[];
  access: { sshKeys: SshKey[]; listening: ListeningPort[] };
}

/** Reads every source; one that fails or is absent is said so, and the others still count. */
export async function collectInventory(
  options: { sindriCli?: string } = {},
): Promise<Inventory> {
  const os = await readOsRelease();
  const guard = (p: Promise<SourceResult>, source: SourceResult['source']) =>
    p.catch(
      (error): SourceResult => ({
        source,
        error: {
          ok: false,
          missing: false,
          message: String(error).slice(0, 300),
        },
      }),
    );
  const results = await Promise.all([
    guard(sindriBom(options.sindriCli), 'sindri-bom'),
    guard(dpkgPackages(os), 'dpkg'),
    guard(rpmPackages(os), 'rpm'),
    guard(apkPackages(os), 'apk'),
    guard(npmGlobals(), 'npm'),
    guard(pipPackages(), 'pip'),
    guard(cargoInstalls(), 'cargo'),
  ]);
  const [sshKeys, listening, cli] = await Promise.all([
    readAuthorizedKeys(),
    readListeningPorts(),
    sindriCliVersion(options.sindriCli),
  ]);
  const components = results
    .flatMap(r => ('components' in r ? r.components : []))
    .sort((a, b) => a.purl.localeCompare(b.purl));
  const sources = results.map(r => {
    if ('error' in r)
      return {
        source: r.source,
        state: r.error.missing ? ('unavailable' as const) : ('failed' as const),
        message: r.error.message,
      };
    return {
      source: r.source,
      state: 'collected' as const,
      count: r.components.length,
      ...(r.note ? { message: r.note } : {}),
    };
  });
  const access = { sshKeys, listening };
  const hash = crypto
    .createHash('sha256')
    .update(JSON.stringify({ os, cli, sources, components, access }))
    .digest('hex');
  return {
    hash,
    collectedAt: new Date().toISOString(),
    ...(os ? { os } : {}),
    ...(cli ? { cli } : {}),
    sources,
    components,
    access,
  };
}

/** `sindri --version`: `sindri 3.1.3`. */
async function sindriCliVersion(cli = 'sindri') {
  const result = await runTool(cli, ['--version'], { timeoutMs: 10_000 });
  const version = result.ok
    ? /(\d+\.\d+\.\d+\S*)/.exec(result.stdout)?.[1]
    : undefined;
  return version ? { version } : undefined;
}

/** The inventory as frames' parts: the first with the sources, OS and access; components split by size. */
export function inventoryParts(inventory: Inventory): InventoryPart[] {
  const chunks: InventoryComponent[][] = [[]];
  let bytes = 0;
  for (const c of inventory.components) {
    const size = JSON.stringify(c).length + 1;
    const current = chunks[chunks.length - 1];
    if (
      current.length &&
      (bytes + size > PART_BYTES ||
        current.length >= INGEST_LIMITS.maxComponentsPerPart)
    ) {
      chunks.push([]);
      bytes = 0;
    }
    chunks[chunks.length - 1].push(c);
    bytes += size;
  }
  const parts = Math.min(chunks.length, INGEST_LIMITS.maxInventoryParts);
  return chunks.slice(0, parts).map((components, part) => ({
    id: crypto.randomUUID(),
    hash: inventory.hash,
    collectedAt: inventory.collectedAt,
    part,
    parts,
    ...(part === 0
      ? {
          ...(inventory.os ? { os: inventory.os } : {}),
          ...(inventory.cli ? { cli: inventory.cli } : {}),
          sources: inventory.sources,
          access: {
            sshKeys: inventory.access.sshKeys.slice(
              0,
              INGEST_LIMITS.maxSshKeys,
            ),
            listening: inventory.access.listening.slice(
              0,
              INGEST_LIMITS.maxListeningPorts,
            ),
          },
        }
      : {}),
    components,
  }));
}
