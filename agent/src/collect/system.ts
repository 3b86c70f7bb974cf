import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import si from 'systeminformation';
import {
  Heartbeat,
  MetricsSample,
  ProcessSample,
} from '@internal/plugin-sindri-common';

/** Runs a reader; a value it cannot read is left out, never made up. */
async function optional<T>(
  read: () => Promise<T | undefined>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

const finite = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n);

export function readHeartbeat(now = new Date()): Heartbeat {
  const load = os.loadavg();
  return {
    id: crypto.randomUUID(),
    at: now.toISOString(),
    uptimeSeconds: os.uptime(),
    ...(os.platform() !== 'win32'
      ? { load: [load[0], load[1], load[2]] as [number, number, number] }
      : {}),
  };
}

async function readDisks(): Promise<MetricsSample['disks']> {
  const sizes = await si.fsSize();
  const disks = await Promise.all(
    sizes
      .filter(d => finite(d.size) && d.size > 0 && d.mount)
      .map(async d => {
        const inodes = await optional(async () => {
          const stat = await fs.statfs(d.mount);
          return stat.files > 0
            ? { inodesTotal: stat.files, inodesUsed: stat.files - stat.ffree }
            : undefined;
        });
        return {
          mount: d.mount,
          sizeBytes: Math.round(d.size),
          usedBytes: Math.round(d.used),
          ...inodes,
        };
      }),
  );
  return disks.slice(0, 64);
}

function toProcess(
  p: si.Systeminformation.ProcessesProcessData,
): ProcessSample {
  return {
    pid: p.pid,
    name: (p.name || p.command || String(p.pid)).slice(0, 256),
    cpuPercent: finite(p.cpu) && p.cpu >= 0 ? p.cpu : 0,
    // systeminformation reports resident memory in KiB
    memoryBytes:
      finite(p.memRss) && p.memRss >= 0 ? Math.round(p.memRss * 1024) : 0,
  };
}

async function readProcesses(): Promise<MetricsSample['processes']> {
  const data = await si.processes();
  const list = data.list.filter(p => p.pid > 0);
  return {
    count: data.all,
    topByCpu: [...list]
      .sort((a, b) => b.cpu - a.cpu)
      .slice(0, 10)
      .map(toProcess),
    topByMemory: [...list]
      .sort((a, b) => b.memRss - a.memRss)
      .slice(0, 10)
      .map(toProcess),
  };
}

/** One metrics sample from systeminformation and the OS. */
export async function readMetrics(now = new Date()): Promise<MetricsSample> {
  const [cpu, mem, disks, net, processes] = await Promise.all([
    optional(async () => {
      const load = await si.currentLoad();
      return finite(load.currentLoad)
        ? { percent: Math.min(100, Math.max(0, load.currentLoad)) }
        : undefined;
    }),
    optional(() => si.mem()),
    optional(readDisks),
    optional(async () => {
      const stats = (await si.networkStats('*')).filter(
        s => s.iface !== 'lo' && finite(s.rx_bytes) && finite(s.tx_bytes),
      );
      return stats.length
        ? {
            rxBytes: stats.reduce((n, s) => n + s.rx_bytes, 0),
            txBytes: stats.reduce((n, s) => n + s.tx_bytes, 0),
          }
        : undefined;
    }),
    optional(readProcesses),
  ]);
  const load = os.platform() !== 'win32' ? os.loadavg() : undefined;
  return {
    id: crypto.randomUUID(),
    at: now.toISOString(),
    ...(cpu ? { cpu } : {}),
    ...(load
      ? { load: { one: load[0], five: load[1], fifteen: load[2] } }
      : {}),
    ...(mem && finite(mem.total)
      ? {
          memory: {
            totalBytes: mem.total,
            usedBytes: mem.active,
            availableBytes: mem.available,
            ...(finite(mem.buffcache) ? { cachedBytes: mem.buffcache } : {}),
          },
          swap: { totalBytes: mem.swaptotal, usedBytes: mem.swapused },
        }
      : {}),
    ...(disks?.length ? { disks } : {}),
    ...(net ? { network: net } : {}),
    ...(processes ? { processes } : {}),
  };
}
