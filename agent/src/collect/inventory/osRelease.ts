import fs from 'node:fs/promises';

export interface OsRelease {
  id: string;
  versionId?: string;
}

/** `ID` and `VERSION_ID` of /etc/os-release, when it can be read. */
export async function readOsRelease(
  file = '/etc/os-release',
): Promise<OsRelease | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) values.set(m[1], m[2].replace(/^["']|["']$/g, ''));
  }
  const id = values.get('ID');
  if (!id) return undefined;
  const versionId = values.get('VERSION_ID');
  return { id, ...(versionId ? { versionId } : {}) };
}
