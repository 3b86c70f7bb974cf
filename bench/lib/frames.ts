// The frames a simulated agent sends: a full metrics sample (as systeminformation
// fills it on a small instance) and a heartbeat, each with a fresh id.
import crypto from 'node:crypto';

export function metricsFrame() {
  const at = new Date().toISOString();
  return {
    type: 'metrics',
    metrics: {
      id: crypto.randomUUID(),
      at,
      cpu: { percent: 12.5 },
      load: { one: 0.5, five: 0.4, fifteen: 0.3 },
      memory: {
        totalBytes: 8e9,
        usedBytes: 2e9,
        availableBytes: 6e9,
        cachedBytes: 1e9,
      },
      swap: { totalBytes: 2e9, usedBytes: 0 },
      disks: [
        {
          mount: '/',
          sizeBytes: 100e9,
          usedBytes: 40e9,
          inodesTotal: 6e6,
          inodesUsed: 1e6,
        },
      ],
      network: { rxBytes: 123456789, txBytes: 98765432 },
      processes: {
        count: 180,
        topByCpu: Array.from({ length: 10 }, (_, i) => ({
          pid: 100 + i,
          name: `proc-${i}`,
          cpuPercent: 10 - i,
          memoryBytes: 1e8,
        })),
        topByMemory: Array.from({ length: 10 }, (_, i) => ({
          pid: 200 + i,
          name: `mem-${i}`,
          cpuPercent: 1,
          memoryBytes: 1e9 - i * 1e7,
        })),
      },
    },
  };
}

export const heartbeatFrame = () => ({
  type: 'heartbeat',
  heartbeat: {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    uptimeSeconds: 1000,
    load: [0.5, 0.4, 0.3],
  },
});
