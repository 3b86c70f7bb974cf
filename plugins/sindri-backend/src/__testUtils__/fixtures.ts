import crypto from 'node:crypto';
import path from 'node:path';
import { AgentFrame, Registration } from '@internal/plugin-sindri-common';

export const registryDir = path.resolve(
  __dirname,
  '../../../../registry/sindri-v3',
);

export function registration(
  name: string,
  overrides: Partial<Registration> = {},
): Registration {
  return {
    instanceId: `i-${name}`,
    name,
    provider: 'local',
    hostname: `${name}.internal`,
    os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
    agentVersion: '0.1.0',
    bootTime: new Date(Date.now() - 60_000).toISOString(),
    heartbeatIntervalSeconds: 10,
    extensions: [{ name: 'nodejs', version: '1.0.0' }],
    ...overrides,
  };
}

export const heartbeat = (at = new Date()): AgentFrame => ({
  type: 'heartbeat',
  heartbeat: {
    id: crypto.randomUUID(),
    at: at.toISOString(),
    uptimeSeconds: 61,
    load: [0.5, 0.4, 0.3],
  },
});

export const metrics = (at = new Date(), cpu = 25): AgentFrame => ({
  type: 'metrics',
  metrics: {
    id: crypto.randomUUID(),
    at: at.toISOString(),
    cpu: { percent: cpu },
    memory: { totalBytes: 8e9, usedBytes: 2e9, availableBytes: 6e9 },
    disks: [{ mount: '/', sizeBytes: 100e9, usedBytes: 40e9 }],
    network: { rxBytes: 1000, txBytes: 2000 },
  },
});
