import fs from 'node:fs/promises';
import path from 'node:path';

/** A map kept in a JSON file (read positions, journal cursors); empty when there is none yet. */
export async function readStateFile<T>(file: string): Promise<Map<string, T>> {
  try {
    return new Map(Object.entries(JSON.parse(await fs.readFile(file, 'utf8'))));
  } catch {
    return new Map();
  }
}

/** Replaces the file whole (written beside it, then renamed), so a crash leaves the old or the new. */
export async function writeStateFile<T>(file: string, state: Map<string, T>) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(Object.fromEntries(state)));
  await fs.rename(tmp, file);
}
