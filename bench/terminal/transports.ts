import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as pty from 'node-pty';

/** A terminal the bench types into and reads from, whatever carries it. */
export interface BenchTerminal {
  name: string;
  write(text: string): void;
  onData(listener: (chunk: Buffer) => void): void;
  close(): Promise<void>;
  /** the relay's own processes (relay, agent), whose CPU the bulk rounds count */
  relayPids?: { relay: number; agent: number };
}

function listeners() {
  const all: Array<(chunk: Buffer) => void> = [];
  return {
    add: (l: (chunk: Buffer) => void) => all.push(l),
    emit: (chunk: Buffer) => all.forEach(l => l(chunk)),
  };
}

/** Browser-side client of the portal's terminal socket, acknowledging output as a browser does once rendered. */
export async function portalTerminal(
  baseUrl: string,
  instance: string,
  auth: string,
): Promise<BenchTerminal> {
  const session = crypto.randomUUID();
  const url = `${baseUrl.replace(
    /^http/,
    'ws',
  )}/api/sindri/instances/${instance}/terminal/${session}?cols=200&rows=50`;
  const ws = new WebSocket(url, { headers: { Authorization: auth } });
  const out = listeners();
  let unacked = 0;
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const chunk = data as Buffer;
    unacked += chunk.length;
    if (unacked >= 32 * 1024) {
      ws.send(JSON.stringify({ type: 'ack', bytes: unacked }));
      unacked = 0;
    }
    out.emit(chunk);
  });
  // acknowledge the tail of a burst too
  const timer = setInterval(() => {
    if (unacked > 0 && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'ack', bytes: unacked }));
      unacked = 0;
    }
  }, 20);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`terminal upgrade refused: HTTP ${res.statusCode}`)),
    );
    ws.once('error', reject);
  });
  return {
    name: 'portal',
    write: text => ws.send(Buffer.from(text), { binary: true }),
    onData: out.add,
    close: async () => {
      clearInterval(timer);
      ws.send(JSON.stringify({ type: 'close' }));
      await new Promise(r => setTimeout(r, 100));
      ws.close();
    },
  };
}

/** A node-pty session in this process: the floor no relay can beat. */
export function directTerminal(): BenchTerminal {
  const shell = os.userInfo().shell || '/bin/bash';
  const p = pty.spawn(shell, ['-l'], {
    name: 'xterm-256color',
    cols: 200,
    rows: 50,
    cwd: os.homedir(),
    env: process.env as Record<string, string>,
    encoding: null,
  } as any);
  const out = listeners();
  p.onData((d: any) => out.emit(Buffer.isBuffer(d) ? d : Buffer.from(d)));
  return {
    name: 'node-pty',
    write: text => p.write(text),
    onData: out.add,
    close: async () => p.kill(),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

/** Debian's OpenSSH server on a loopback port with throwaway keys, and `ssh -tt` into it. */
export async function sshTerminal(): Promise<
  BenchTerminal & { sshd: ChildProcess }
> {
  const sshdPath = ['/usr/sbin/sshd', '/usr/bin/sshd'].find(p =>
    fs.existsSync(p),
  );
  if (!sshdPath)
    throw new Error(
      "no sshd: install Debian's openssh-server (apt-get install -y openssh-server)",
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-bench-ssh-'));
  const keygen = (file: string) =>
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], {
      stdio: 'ignore',
    });
  keygen(path.join(dir, 'host'));
  keygen(path.join(dir, 'client'));
  fs.copyFileSync(
    path.join(dir, 'client.pub'),
    path.join(dir, 'authorized_keys'),
  );
  fs.mkdirSync('/run/sshd', { recursive: true });
  const port = await freePort();
  const user = os.userInfo().username;
  fs.writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'StrictModes no',
      'UsePAM no',
      `AllowUsers ${user}`,
      '',
    ].join('\n'),
  );
  const sshd = spawn(
    sshdPath,
    ['-D', '-e', '-f', path.join(dir, 'sshd_config')],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise(resolve => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) break;
    await new Promise(r => setTimeout(r, 50));
  }
  const ssh = spawn(
    'ssh',
    [
      '-tt',
      '-i',
      path.join(dir, 'client'),
      '-p',
      String(port),
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      'LogLevel=ERROR',
      `${user}@127.0.0.1`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const out = listeners();
  ssh.stdout!.on('data', (d: Buffer) => out.emit(d));
  return {
    name: 'ssh',
    sshd,
    write: text => ssh.stdin!.write(text),
    onData: out.add,
    close: async () => {
      ssh.kill();
      sshd.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The same three processes as the portal (client → relay → agent → PTY) with
 * nothing of the portal in them: the floor a relay of this shape can reach
 * on this machine, measured in the same run.
 */
export async function relayFloorTerminal(
  options: { hop?: boolean } = {},
): Promise<BenchTerminal> {
  const script = path.join(__dirname, 'floorRelay.js');
  const listening = (...args: string[]) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return {
      child,
      port: new Promise<string>(resolve =>
        child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
      ),
    };
  };
  const relay = listening('relay');
  const port = await relay.port;
  const agent = spawn(process.execPath, [script, 'agent', port], {
    stdio: 'ignore',
  });
  // with a hop, the client reaches the relay through a second one, as a browser on another replica does
  const hop = options.hop ? listening('hop', port) : undefined;
  const clientPort = hop ? await hop.port : port;
  // the agent first, so the relay has somewhere to send the client's bytes
  await new Promise(r => setTimeout(r, 500));
  const ws = new WebSocket(`ws://127.0.0.1:${clientPort}/client`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const out = listeners();
  ws.on('message', data => out.emit(data as Buffer));
  return {
    name: hop ? 'relay-floor-hop' : 'relay-floor',
    relayPids: { relay: relay.child.pid!, agent: agent.pid! },
    write: text => ws.send(Buffer.from(text), { binary: true }),
    onData: out.add,
    close: async () => {
      ws.close();
      agent.kill();
      relay.child.kill();
      hop?.child.kill();
    },
  };
}
