import fs from 'node:fs/promises';
import path from 'node:path';
import { LogLevel } from '@internal/plugin-sindri-common';
import { readStateFile, writeStateFile } from './stateFile';

/** What a source file was read up to, kept across restarts. */
interface Position {
  inode: number;
  offset: number;
}

/** Bytes read from one file in one poll at most; the rest waits for the next. */
const MAX_READ_BYTES = 1024 * 1024;
/** A file seen for the first time is read from this far before its end at most. */
const FIRST_READ_BYTES = 1024 * 1024;

export interface TailedLine {
  source: string;
  text: string;
  /** when the source says (the journal); otherwise when it was read */
  at?: Date;
  /** the level the source gives (the journal's priority); otherwise read from the text */
  level?: LogLevel;
}

/**
 * Follows log files: each listed file, and every `*.log` in each listed
 * directory (new ones as they appear). Each poll reads what was appended
 * since the last, in whole lines; a file that shrinks or is replaced
 * (rotation) is read again from its start. Positions are kept in a file so
 * a restarted agent goes on where it stopped.
 */
export class FileTailer {
  private positions = new Map<string, Position>();
  private partial = new Map<string, string>();
  private loaded = false;

  constructor(
    private readonly sources: string[],
    private readonly positionsFile: string,
  ) {}

  async poll(): Promise<TailedLine[]> {
    if (!this.loaded) await this.load();
    const lines: TailedLine[] = [];
    for (const file of await this.files())
      lines.push(...(await this.read(file)));
    if (lines.length) await this.save();
    return lines;
  }

  private async files(): Promise<string[]> {
    const found: string[] = [];
    for (const source of this.sources) {
      const stat = await fs.stat(source).catch(() => undefined);
      if (stat?.isFile()) found.push(source);
      else if (stat?.isDirectory()) {
        const names = await fs.readdir(source).catch(() => [] as string[]);
        for (const name of names.filter(n => n.endsWith('.log')).sort())
          found.push(path.join(source, name));
      }
    }
    return found;
  }

  private async read(file: string): Promise<TailedLine[]> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) return [];
    let position = this.positions.get(file);
    if (
      !position ||
      position.inode !== stat.ino ||
      stat.size < position.offset
    ) {
      // new, rotated or truncated: from its start (a long existing file: its end)
      const first = !position;
      position = {
        inode: stat.ino,
        offset: first ? Math.max(0, stat.size - FIRST_READ_BYTES) : 0,
      };
      this.partial.delete(file);
    }
    if (stat.size === position.offset) {
      this.positions.set(file, position);
      return [];
    }
    const length = Math.min(stat.size - position.offset, MAX_READ_BYTES);
    const handle = await fs.open(file, 'r');
    const buffer = Buffer.alloc(length);
    try {
      await handle.read(buffer, 0, length, position.offset);
    } finally {
      await handle.close();
    }
    this.positions.set(file, {
      inode: stat.ino,
      offset: position.offset + length,
    });
    const text = (this.partial.get(file) ?? '') + buffer.toString('utf8');
    const parts = text.split('\n');
    // a line without its newline yet waits for the rest
    this.partial.set(file, parts.pop() ?? '');
    return parts
      .map(line => line.replace(/\r$/, ''))
      .filter(line => line.trim())
      .map(line => ({ source: file, text: line }));
  }

  private async load() {
    this.loaded = true;
    this.positions = await readStateFile(this.positionsFile);
  }

  private async save() {
    await writeStateFile(this.positionsFile, this.positions);
  }
}
