import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { ConfigReader } from '@backstage/config';
import {
  checkLocalDriverListen,
  SindriConfigError,
} from '@internal/plugin-sindri-node';
import { ConfigSources } from '@backstage/config-loader';
import { checkStartupConfig } from './preflight';

const repoRoot = path.resolve(__dirname, '../../..');
const registry = path.join(repoRoot, 'registry/sindri-v3');

const config = (
  database: object,
  registryPath: string | undefined = registry,
) =>
  new ConfigReader({
    backend: { database },
    ...(registryPath ? { sindri: { registry: { path: registryPath } } } : {}),
  });

describe('checkStartupConfig', () => {
  it('accepts the embedded default and a PostgreSQL URL', async () => {
    await expect(
      checkStartupConfig(
        config({
          client: 'better-sqlite3',
          connection: { directory: '/tmp/x' },
        }),
      ),
    ).resolves.toBeUndefined();
    await expect(
      checkStartupConfig(
        config({
          client: 'pg',
          connection: 'postgresql://postgres@127.0.0.1:5432',
        }),
      ),
    ).resolves.toBeUndefined();
  });

  it.each([
    [
      { client: 'pg', connection: 'postgresql://user@host:notaport/db' },
      'backend.database.connection: is not a valid URL',
    ],
    [
      { client: 'pg', connection: 'mysql://root@localhost/db' },
      'backend.database.connection: has protocol "mysql:"',
    ],
    [
      { client: 'pg', connection: { host: 'db', port: 'fivefour' } },
      'backend.database.connection.port: must be a port number',
    ],
    [
      { client: 'mongodb', connection: 'x' },
      'backend.database.client: must be one of better-sqlite3, pg (got "mongodb")',
    ],
  ])('rejects database config %j', async (database, message) => {
    const check = checkStartupConfig(config(database));
    await expect(check).rejects.toBeInstanceOf(SindriConfigError);
    await expect(check).rejects.toThrow(message);
  });

  it('rejects a missing registry path', async () => {
    await expect(
      checkStartupConfig(
        config(
          { client: 'better-sqlite3', connection: ':memory:' },
          '/missing/registry',
        ),
      ),
    ).rejects.toThrow('sindri.registry.path: "/missing/registry"');
  });
});

describe('the local driver on a shared address', () => {
  const withListen = (listen: any, local: object = { enabled: true }) =>
    new ConfigReader({
      backend: {
        database: { client: 'better-sqlite3', connection: ':memory:' },
        listen,
      },
      sindri: { registry: { path: registry }, drivers: { local } },
    });

  it.each([
    [{ host: '127.0.0.1', port: 7007 }],
    [{ host: '::1' }],
    [{ host: 'localhost' }],
    ['127.0.0.1:7007'],
  ])('starts when the backend listens on loopback only (%j)', async listen => {
    await expect(
      checkStartupConfig(withListen(listen)),
    ).resolves.toBeUndefined();
  });

  it.each([
    [{ port: 7007 }],
    [{ host: '0.0.0.0' }],
    [':7007'],
    [{ host: '10.0.0.5' }],
  ])('refuses to start on %j, naming the settings', async listen => {
    const check = checkStartupConfig(withListen(listen));
    await expect(check).rejects.toBeInstanceOf(SindriConfigError);
    await expect(check).rejects.toThrow(
      /^sindri\.drivers\.local\.enabled: .* loopback only .*sindri\.drivers\.local\.allowNonLoopback/,
    );
  });

  it('starts anywhere when the operator says so, or without the local driver', async () => {
    await expect(
      checkStartupConfig(
        withListen({ port: 7007 }, { enabled: true, allowNonLoopback: true }),
      ),
    ).resolves.toBeUndefined();
    await expect(
      checkStartupConfig(withListen({ port: 7007 }, { enabled: false })),
    ).resolves.toBeUndefined();
  });

  it('holds for the shipped configurations', async () => {
    const load = (...files: string[]) =>
      ConfigSources.toConfig(
        ConfigSources.defaultForTargets({
          rootDir: repoRoot,
          targets: files.map(f => ({
            type: 'path',
            target: path.join(repoRoot, f),
          })),
        }),
      );
    const embedded = await load('app-config.yaml');
    expect(() => checkLocalDriverListen(embedded)).not.toThrow();
    const production = await load(
      'app-config.yaml',
      'app-config.production.yaml',
    );
    expect(() => checkLocalDriverListen(production)).not.toThrow();
    production.close();
    // the embedded default with its loopback host taken away is refused
    const exposed = {
      ...embedded.get<any>(),
      backend: { ...embedded.get<any>('backend'), listen: { port: 7007 } },
    };
    expect(() => checkLocalDriverListen(new ConfigReader(exposed))).toThrow(
      SindriConfigError,
    );
    embedded.close();
  });
});

describe('backend start-up with bad config', () => {
  function startBackend(configYaml: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-preflight-'));
    const file = path.join(dir, 'app-config.yaml');
    fs.writeFileSync(file, configYaml);
    return spawnSync(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(__dirname, 'index.ts'),
        '--config',
        file,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NODE_ENV: 'development' },
      },
    );
  }

  const base = `
backend:
  baseUrl: http://localhost:7007
  listen: { port: 0 }
  database:
    client: pg
    connection: 'postgres://u@:not-a-port/x'
sindri:
  registry:
    path: ${registry}
`;

  it('stops with exit code 1 and one line naming a malformed database URL', () => {
    const result = startBackend(base);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Invalid configuration: backend\.database\.connection: is not a valid URL/,
      ),
    ]);
  });

  it('stops with exit code 1 and one line naming a missing registry path', () => {
    const result = startBackend(
      base
        .replace(`path: ${registry}`, 'path: /nowhere/registry')
        .replace(
          "connection: 'postgres://u@:not-a-port/x'",
          "connection: ':memory:'",
        )
        .replace('client: pg', 'client: better-sqlite3'),
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: sindri.registry.path: "/nowhere/registry" (resolved to /nowhere/registry) is not a directory',
    ]);
  });
});
