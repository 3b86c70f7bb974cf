import fs from 'node:fs/promises';
import { InstalledExtension } from '@internal/plugin-sindri-common';

/**
 * The extensions Sindri's status ledger (`~/.sindri/status_ledger.jsonl`, one
 * JSON event per line) says are installed now, with the version the newest
 * event reported. An unreadable ledger means none are known; a bad line is skipped.
 */
export async function readInstalledExtensions(
  ledger: string | undefined,
): Promise<InstalledExtension[]> {
  if (!ledger) return [];
  let content: string;
  try {
    content = await fs.readFile(ledger, 'utf8');
  } catch {
    return [];
  }
  const state = new Map<string, { installed: boolean; version?: string }>();
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    let entry: any;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (
      typeof entry?.extension_name !== 'string' ||
      typeof entry?.state_after !== 'string'
    )
      continue;
    const previous = state.get(entry.extension_name);
    const version =
      typeof entry.event?.version === 'string'
        ? entry.event.version
        : previous?.version;
    state.set(entry.extension_name, {
      installed: entry.state_after === 'installed',
      version,
    });
  }
  return [...state.entries()]
    .filter(([, s]) => s.installed)
    .map(([name, s]) => ({
      name,
      ...(s.version ? { version: s.version } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, 200);
}
