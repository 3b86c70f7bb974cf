import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** Whether Debian's PostgreSQL 15 server binaries are here to start a cluster of our own. */
export const postgresBinariesAvailable = () =>
  fs.existsSync(path.join(BIN, 'initdb')) &&
  fs.existsSync(path.join(BIN, 'pg_ctl'));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

/**
 * A PostgreSQL cluster of the test's own, on its own port, that the test can
 * stop and start like an outage (Debian's binaries; run as the `postgres`
 * user when the test runs as root, since PostgreSQL refuses root).
 */
export class ThrowawayPostgres {
  private constructor(readonly port: number, private readonly dir: string) {}

  static async create(): Promise<ThrowawayPostgres> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-pg-'));
    fs.chmodSync(dir, 0o777);
    const cluster = new ThrowawayPostgres(await freePort(), dir);
    cluster.run('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
    ]);
    cluster.start();
    return cluster;
  }

  get connection() {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      database: 'postgres',
    };
  }

  start() {
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-w',
      '-l',
      path.join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  /** Stops the server at once, dropping every connection, as a crash or a failover does. */
  stop() {
    this.run('pg_ctl', ['-D', this.dataDir, '-w', '-m', 'immediate', 'stop']);
  }

  destroy() {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir() {
    return path.join(this.dir, 'data');
  }

  private run(binary: string, args: string[]) {
    const command = path.join(BIN, binary);
    const asRoot = process.getuid?.() === 0;
    execFileSync(
      asRoot ? 'runuser' : command,
      asRoot ? ['-u', 'postgres', '--', command, ...args] : args,
      { stdio: 'pipe' },
    );
  }
}
