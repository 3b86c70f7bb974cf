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
  repoRoot,
  startPortal,
} from '../__testUtils__/portalProcess';

jest.setTimeout(600_000);

const EXTENSIONS = fs.readdirSync(
  path.join(repoRoot, 'registry/sindri-v3/extensions'),
).length;

/** A small seeded generator, so a failing run can be repeated (SINDRI_RESTART_SEED). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the catalog after restarts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-restarts-'));
  const logFile = path.join(dir, 'portal.log');
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  it('holds every extension and every registered instance within 10 s of the last start, after stops and kills at random points', async () => {
    const seed = Number(process.env.SINDRI_RESTART_SEED ?? 20261201);
    const next = random(seed);
    const port = await freePort();
    const { base, configFile } = portalConfig(dir, port, [
      `sindri: { deployments: { workDir: "${dir}/deployments" } }`,
    ]);

    const ready = () => portalReady(child!, base, logFile);
    const token = () => guestToken(base);
    const registered: string[] = [];
    const register = async (name: string) => {
      if (await registerOverHttp(base, name, 'group:default/guests'))
        registered.push(name);
    };

    // stops and starts while the catalog ingests: SIGTERM and SIGKILL, at random points after the start
    const cycles = Number(process.env.SINDRI_RESTART_CYCLES ?? 6);
    for (let cycle = 0; cycle < cycles; cycle++) {
      child = startPortal(configFile, logFile);
      await ready();
      await register(`box-${cycle}`).catch(() => undefined);
      await new Promise(r => setTimeout(r, 200 + next() * 2500));
      const signal = cycle % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
      child.kill(signal);
      await exited(child);
    }

    child = startPortal(configFile, logFile);
    await ready();
    const startedAt = Date.now();
    const auth = { Authorization: `Bearer ${await token()}` };
    const count = async (filter: string) =>
      (
        (await (
          await fetch(
            `${base}/api/catalog/entities?filter=${filter}&fields=metadata.name`,
            { headers: auth },
          )
        ).json()) as Array<{ metadata: { name: string } }>
      ).map(e => e.metadata.name);
    const complete = (extensions: string[], instances: string[]) =>
      extensions.length === EXTENSIONS &&
      registered.every(n => instances.includes(n));
    let extensions: string[] = [];
    let instances: string[] = [];
    while (Date.now() - startedAt < 10_000) {
      [extensions, instances] = await Promise.all([
        count('spec.type=sindri-extension'),
        count('spec.type=sindri-instance'),
      ]);
      if (complete(extensions, instances)) break;
      await new Promise(r => setTimeout(r, 250));
    }
    const all = fs.readdirSync(
      path.join(repoRoot, 'registry/sindri-v3/extensions'),
    );
    expect({
      seed,
      missingExtensions: all.filter(n => !extensions.includes(n)),
      missingInstances: registered.filter(n => !instances.includes(n)),
    }).toEqual({
      seed,
      missingExtensions: [],
      missingInstances: [],
    });
    expect(registered.length).toBeGreaterThanOrEqual(cycles - 1);
  });
});
