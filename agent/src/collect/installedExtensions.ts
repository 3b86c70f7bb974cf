import fs from 'node:fs/promises';
import {
  FailedExtension,
  InstalledExtension,
} from '@internal/plugin-sindri-common';

const MAX_EXTENSIONS = 200;
/** the longest install the protocol carries (a week); a longer figure in the ledger is left out, not the registration */
const MAX_INSTALL_SECONDS = 7 * 86_400;

/** What Sindri's status ledger says of each extension now. */
export interface ExtensionLedger {
  installed: InstalledExtension[];
  /** those whose newest event is a failed install, with Sindri's reason */
  failed: FailedExtension[];
  /** whether the ledger could be read: when not, `installed` says nothing */
  status: 'read' | 'missing' | 'unreadable';
}

interface LedgerState {
  state: string;
  version?: string;
  error?: string;
  at?: string;
  /** the newest install_completed event's duration_secs */
  installSeconds?: number;
}

const byName = <T extends { name: string }>(a: T, b: T) =>
  a.name.localeCompare(b.name);

/**
 * Reads Sindri's status ledger (`~/.sindri/status_ledger.jsonl`, one JSON
 * event per line): the extensions installed now, with the version the newest
 * event reported, and those whose install failed. An unreadable ledger says so
 * (`status`): none are known; a bad line is skipped.
 */
export async function readExtensionLedger(
  ledger: string | undefined,
): Promise<ExtensionLedger> {
  if (!ledger) return { installed: [], failed: [], status: 'missing' };
  let content: string;
  try {
    content = await fs.readFile(ledger, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      installed: [],
      failed: [],
      status: missing ? 'missing' : 'unreadable',
    };
  }
  const states = new Map<string, LedgerState>();
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
    const previous = states.get(entry.extension_name);
    const completed =
      entry.event?.type === 'install_completed' &&
      Number.isInteger(entry.event.duration_secs) &&
      entry.event.duration_secs >= 0 &&
      entry.event.duration_secs <= MAX_INSTALL_SECONDS;
    states.set(entry.extension_name, {
      state: entry.state_after,
      version:
        typeof entry.event?.version === 'string'
          ? entry.event.version
          : previous?.version,
      error:
        typeof entry.event?.error_message === 'string'
          ? entry.event.error_message
          : undefined,
      installSeconds: completed
        ? entry.event.duration_secs
        : previous?.installSeconds,
      at: typeof entry.timestamp === 'string' ? entry.timestamp : undefined,
    });
  }
  const entries = [...states.entries()];
  return {
    installed: entries
      .filter(([, s]) => s.state === 'installed')
      .map(([name, s]) => ({
        name,
        ...(s.version ? { version: s.version } : {}),
        ...(s.installSeconds !== undefined
          ? { installSeconds: s.installSeconds }
          : {}),
      }))
      .sort(byName)
      .slice(0, MAX_EXTENSIONS),
    failed: entries
      .filter(([, s]) => s.state === 'failed')
      .map(([name, s]) => ({
        name,
        ...(s.error ? { error: s.error.slice(0, 256) } : {}),
        ...(s.at && !Number.isNaN(Date.parse(s.at))
          ? { at: new Date(s.at).toISOString() }
          : {}),
      }))
      .sort(byName)
      .slice(0, MAX_EXTENSIONS),
    status: 'read',
  };
}
