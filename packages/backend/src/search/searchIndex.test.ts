import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  exited,
  freePort,
  guestToken,
  portalConfig,
  portalReady,
  registerOverHttp,
  startPortal,
} from '../__testUtils__/portalProcess';

jest.setTimeout(300_000);

/** The portal's search as the Search page asks it: the names of the catalog results for a term. */
async function searchNames(base: string, term: string): Promise<string[]> {
  const res = await fetch(
    `${base}/api/search/query?term=${encodeURIComponent(
      term,
    )}&types[0]=software-catalog`,
    { headers: { Authorization: `Bearer ${await guestToken(base)}` } },
  );
  const body = (await res.json()) as {
    results?: Array<{ document: { title: string } }>;
    error?: { message: string };
  };
  // before any index run the engine has no catalog index: nothing is found
  if (!body.results) {
    if (!/Missing index/.test(body.error?.message ?? ''))
      throw new Error(`search answered ${res.status}: ${body.error?.message}`);
    return [];
  }
  // Lunr matches loosely: only the instances this test made count
  return body.results
    .map(r => r.document.title)
    .filter(title => title.startsWith(term));
}

describe('the portal search finds new instances', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-search-'));
  const logFile = path.join(dir, 'portal.log');
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('within seconds of registering, not at the collator run an hour away, and only for who may read it', async () => {
    const port = await freePort();
    // the collators' schedule is an hour away: only the trigger on registration can index in time
    const { base, configFile } = portalConfig(dir, port, [
      `sindri: { deployments: { workDir: "${dir}/deployments" } }`,
    ]);
    child = startPortal(configFile, logFile);
    await portalReady(child, base, logFile);

    const register = async (name: string, owner: string) => {
      expect(await registerOverHttp(base, name, owner)).toBe(true);
      return Date.now();
    };

    // an instance of another group, then one of the guest's own
    await register('findme-theirs', 'group:default/platform');
    const registeredAt = await register(
      'findme-mine',
      'user:development/guest',
    );
    let found: string[] = [];
    while (!found.includes('findme-mine')) {
      if (Date.now() - registeredAt > 20_000)
        throw new Error(
          `findme-mine was not found within 20 s of registering (found: ${found.join(
            ', ',
          )}); see ${logFile}`,
        );
      await new Promise(r => setTimeout(r, 250));
      found = await searchNames(base, 'findme');
    }
    const seconds = (Date.now() - registeredAt) / 1000;
    // eslint-disable-next-line no-console
    console.log(
      `search found a just-registered instance ${seconds.toFixed(
        1,
      )} s after it registered`,
    );
    // the guest is an admin here: both are found
    expect(found.sort()).toEqual(['findme-mine', 'findme-theirs']);

    // as a developer, the guest reads only its own instances: search leaves the other out
    portalConfig(dir, port, [
      `sindri: { deployments: { workDir: "${dir}/deployments" }, permissions: { roles: { admin: [], developer: [user:development/guest] } } }`,
    ]);
    const deadline = Date.now() + 30_000;
    for (;;) {
      found = await searchNames(base, 'findme');
      if (found.length === 1) break;
      if (Date.now() > deadline)
        throw new Error(`the role change did not narrow search: ${found}`);
      await new Promise(r => setTimeout(r, 250));
    }
    expect(found).toEqual(['findme-mine']);
  });
});
