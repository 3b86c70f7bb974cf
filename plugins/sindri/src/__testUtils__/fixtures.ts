import { FleetInstance, MetricsSample } from '@internal/plugin-sindri-common';
import { SindriApi } from '../api/SindriApi';

export const sample = (at: string, overrides: Partial<MetricsSample> = {}): MetricsSample => ({
  id: `s-${at}`,
  at,
  cpu: { percent: 37.5 },
  memory: { totalBytes: 8 * 1024 ** 3, usedBytes: 2 * 1024 ** 3, availableBytes: 6 * 1024 ** 3 },
  disks: [{ mount: '/', sizeBytes: 100 * 1024 ** 3, usedBytes: 25 * 1024 ** 3 }],
  network: { rxBytes: 1000, txBytes: 500 },
  processes: {
    count: 123,
    topByCpu: [{ pid: 42, name: 'node', cpuPercent: 12.5, memoryBytes: 300 * 1024 ** 2 }],
    topByMemory: [{ pid: 7, name: 'postgres', cpuPercent: 1, memoryBytes: 900 * 1024 ** 2 }],
  },
  ...overrides,
});

export const instance = (name: string, overrides: Partial<FleetInstance> = {}): FleetInstance => ({
  id: `id-${name}`,
  name,
  owner: 'group:default/platform',
  provider: 'fly',
  region: 'ams',
  status: 'running',
  statusChangedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  registeredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  lastHeartbeatAt: new Date(Date.now() - 4_000).toISOString(),
  heartbeatIntervalSeconds: 10,
  uptimeSeconds: 3 * 3600 + 120,
  latestMetrics: sample(new Date().toISOString()),
  registration: {
    instanceId: 'i-1',
    name,
    provider: 'fly',
    region: 'ams',
    hostname: `${name}.fly.dev`,
    os: { platform: 'linux', release: '6.1', arch: 'x64' },
    agentVersion: '0.1.0',
    bootTime: new Date().toISOString(),
    heartbeatIntervalSeconds: 10,
    extensions: [{ name: 'nodejs' }, { name: 'python' }],
  },
  ...overrides,
});

export function mockSindriApi(overrides: Partial<SindriApi> = {}): jest.Mocked<SindriApi> {
  return {
    listInstances: jest.fn().mockResolvedValue([]),
    getInstance: jest.fn(),
    getMetrics: jest.fn(),
    getEvents: jest.fn().mockResolvedValue([]),
    ...overrides,
  } as jest.Mocked<SindriApi>;
}
