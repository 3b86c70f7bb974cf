import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { LogLevel } from '@internal/plugin-sindri-common';
import { TailedLine } from './FileTailer';
import { readStateFile, writeStateFile } from './stateFile';

/** A log source naming a systemd unit, e.g. `journald:docker.service`. */
export const JOURNAL_PREFIX = 'journald:';
/** What systemd accepts in a unit name; anything else is refused before journalctl runs. */
export const UNIT_NAME = /^[A-Za-z0-9:_.@\\-]{1,256}$/;
/** Entries read from one unit in one poll at most; the rest waits for the next. */
const MAX_ENTRIES = 5000;
/** A unit read for the first time: its last entries. */
const FIRST_ENTRIES = 1000;

/** syslog priorities: 0–3 error, 4 warning, 5–6 info, 7 debug */
function levelOf(priority: unknown): LogLevel | undefined {
  const p = Number(priority);
  if (!Number.isInteger(p) || p < 0 || p > 7) return undefined;
  if (p <= 3) return 'error';
  if (p === 4) return 'warn';
  return p === 7 ? 'debug' : 'info';
}

/** journald gives a message that is not valid UTF-8 as an array of bytes. */
function messageText(message: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return Buffer.from(message).toString('utf8');
  return undefined;
}

/**
 * Follows systemd units in the journal with `journalctl --output=json`
 * (arguments, never a shell), from the cursor of the last entry read, kept
 * in a file so a restarted agent goes on where it stopped. `directory`
 * reads journal files from there instead of the system journal.
 */
export class JournalReader {
  private cursors = new Map<string, string>();
  private loaded = false;

  constructor(
    private readonly units: string[],
    private readonly cursorsFile: string,
    private readonly options: { journalctl?: string; directory?: string } = {},
  ) {
    for (const unit of units)
      if (!UNIT_NAME.test(unit))
        throw new Error(`not a systemd unit name: ${JSON.stringify(unit)}`);
  }

  async poll(): Promise<TailedLine[]> {
    if (!this.units.length) return [];
    if (!this.loaded) await this.load();
    const lines: TailedLine[] = [];
    for (const unit of this.units) lines.push(...(await this.read(unit)));
    if (lines.length) await this.save();
    return lines;
  }

  private read(unit: string): Promise<TailedLine[]> {
    const cursor = this.cursors.get(unit);
    const args = [
      '--no-pager',
      '--output=json',
      `--unit=${unit}`,
      ...(this.options.directory
        ? [`--directory=${this.options.directory}`]
        : []),
      ...(cursor ? [`--after-cursor=${cursor}`] : [`--lines=${FIRST_ENTRIES}`]),
    ];
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.journalctl ?? 'journalctl', args, {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const lines: TailedLine[] = [];
      let stderr = '';
      child.stderr.on('data', chunk => {
        stderr = (stderr + chunk).slice(-2000);
      });
      child.once('error', reject);
      const entries = readline.createInterface({ input: child.stdout });
      entries.on('line', json => {
        if (lines.length >= MAX_ENTRIES) return;
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(json);
        } catch {
          return;
        }
        if (typeof entry.__CURSOR === 'string')
          this.cursors.set(unit, entry.__CURSOR);
        const text = messageText(entry.MESSAGE);
        const micros = Number(entry.__REALTIME_TIMESTAMP);
        if (text?.trim())
          lines.push({
            source: `${JOURNAL_PREFIX}${unit}`,
            text,
            level: levelOf(entry.PRIORITY),
            ...(Number.isFinite(micros) ? { at: new Date(micros / 1000) } : {}),
          });
        if (lines.length >= MAX_ENTRIES) child.kill();
      });
      child.once('close', code => {
        if (code === 0 || lines.length >= MAX_ENTRIES) resolve(lines);
        // "-- No entries --" and a unit with no journal yet are not failures
        else if (code === 1 && !stderr.trim()) resolve(lines);
        else
          reject(
            new Error(
              `journalctl for ${unit} exited with ${code}: ${stderr.trim()}`,
            ),
          );
      });
    });
  }

  private async load() {
    this.loaded = true;
    this.cursors = await readStateFile(this.cursorsFile);
  }

  private async save() {
    await writeStateFile(this.cursorsFile, this.cursors);
  }
}
