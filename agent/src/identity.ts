import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The instance's stable id: made once and kept in the state dir across restarts. */
export async function loadInstanceId(stateDir: string): Promise<string> {
  const file = path.join(stateDir, 'instance-id');
  try {
    const id = (await fs.readFile(file, 'utf8')).trim();
    if (/^[A-Za-z0-9._-]{1,64}$/.test(id)) return id;
  } catch {
    // first start
  }
  const id = crypto.randomUUID();
  await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
  await fs.writeFile(file, `${id}\n`, { mode: 0o600 });
  return id;
}
