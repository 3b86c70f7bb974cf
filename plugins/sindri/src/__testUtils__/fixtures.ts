import {
  CommandResult,
  CommandRun,
  FleetInstance,
  ExtensionRegistry,
  MetricsSample,
  RegistryExtension,
} from '@internal/plugin-sindri-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { SindriApi } from '../api/SindriApi';

export const sample = (
  at: string,
  overrides: Partial<MetricsSample> = {},
): MetricsSample => ({
  id: `s-${at}`,
  at,
  cpu: { percent: 37.5 },
  memory: {
    totalBytes: 8 * 1024 ** 3,
    usedBytes: 2 * 1024 ** 3,
    availableBytes: 6 * 1024 ** 3,
  },
  disks: [
    { mount: '/', sizeBytes: 100 * 1024 ** 3, usedBytes: 25 * 1024 ** 3 },
  ],
  network: { rxBytes: 1000, txBytes: 500 },
  processes: {
    count: 123,
    topByCpu: [
      { pid: 42, name: 'node', cpuPercent: 12.5, memoryBytes: 300 * 1024 ** 2 },
    ],
    topByMemory: [
      { pid: 7, name: 'postgres', cpuPercent: 1, memoryBytes: 900 * 1024 ** 2 },
    ],
  },
  ...overrides,
});

export const instance = (
  name: string,
  overrides: Partial<FleetInstance> = {},
): FleetInstance => ({
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

export function mockSindriApi(
  overrides: Partial<SindriApi> = {},
): jest.Mocked<SindriApi> {
  return {
    listInstances: jest.fn().mockResolvedValue([]),
    getInstance: jest.fn(),
    getMetrics: jest.fn(),
    listEvents: jest.fn().mockResolvedValue({ items: [] }),
    getFleetSummary: jest.fn().mockRejectedValue(new Error('no summary')),
    getInstanceEvents: jest.fn().mockResolvedValue({ items: [] }),
    runCommand: jest.fn(),
    listCommands: jest.fn().mockResolvedValue([]),
    getCommand: jest.fn(),
    streamCommand: jest.fn(),
    cancelCommand: jest.fn(),
    previewCommandTargets: jest.fn().mockResolvedValue([]),
    listTerminalSessions: jest.fn().mockResolvedValue([]),
    getTerminalSessionInput: jest.fn(),
    getTerminalSocketUrl: jest.fn(),
    getDeploymentOptions: jest.fn(),
    validateConfig: jest.fn(),
    getDeployment: jest.fn().mockResolvedValue(undefined),
    listOperations: jest.fn().mockResolvedValue([]),
    runLifecycle: jest.fn(),
    streamOperation: jest.fn(),
    alerts: mockAlertsApi(),
    extensions: {
      list: jest.fn().mockResolvedValue(extensionRegistry()),
      get: jest.fn(),
      usage: jest
        .fn()
        .mockResolvedValue({ source: 'test agents', instances: [] }),
    },
    config: {
      versions: jest.fn().mockResolvedValue([]),
      version: jest.fn(),
      validate: jest.fn().mockResolvedValue({ valid: true, issues: [] }),
      apply: jest.fn(),
      drift: jest.fn().mockRejectedValue(new Error('no drift')),
    },
    cost: {
      instance: jest.fn().mockRejectedValue(new Error('no cost')),
      fleet: jest.fn().mockRejectedValue(new Error('no cost')),
      usage: jest.fn().mockRejectedValue(new Error('no usage')),
    },
    security: {
      instance: jest.fn().mockRejectedValue(new Error('no security')),
      fleet: jest.fn().mockRejectedValue(new Error('no security')),
      sbom: jest.fn(),
      fleetSbom: jest.fn(),
    },
    budgets: {
      list: jest
        .fn()
        .mockResolvedValue({ currency: 'USD', items: [], myGroups: [] }),
      set: jest.fn(),
      remove: jest.fn(),
      estimate: jest.fn().mockRejectedValue(new Error('no estimate')),
    },
    logs: {
      search: jest.fn().mockResolvedValue({ items: [] }),
      forInstance: jest.fn().mockResolvedValue({ items: [] }),
      tail: jest.fn(async function* never() {}),
    },
    ...overrides,
  } as jest.Mocked<SindriApi>;
}

/** The alerts part of the API: nothing open, no rules or channels, unless a test says otherwise. */
export function mockAlertsApi(
  overrides: Partial<SindriApi['alerts']> = {},
): jest.Mocked<SindriApi['alerts']> {
  return {
    list: jest.fn().mockResolvedValue({ items: [] }),
    deliveries: jest.fn().mockResolvedValue([]),
    acknowledge: jest.fn(),
    silence: jest.fn(),
    unsilence: jest.fn(),
    listRules: jest.fn().mockResolvedValue([]),
    createRule: jest.fn(),
    updateRule: jest.fn(),
    deleteRule: jest.fn(),
    listChannels: jest.fn().mockResolvedValue([]),
    createChannel: jest.fn(),
    updateChannel: jest.fn(),
    deleteChannel: jest.fn(),
    ...overrides,
  } as unknown as jest.Mocked<SindriApi['alerts']>;
}

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A PermissionApi that answers by permission name (true = allow); unlisted permissions are denied. */
export function permissionApi(
  allowed: Record<string, boolean>,
): jest.Mocked<PermissionApi> {
  return {
    authorize: jest.fn(
      async request =>
        ({
          result: allowed[request.permission.name] ? 'ALLOW' : 'DENY',
        } as unknown as Decision),
    ),
  };
}

export const result = (
  instanceName: string,
  overrides: Partial<CommandResult> = {},
): CommandResult => ({
  instance: instanceName,
  state: 'queued',
  stdoutBytes: 0,
  stderrBytes: 0,
  stdout: '',
  stderr: '',
  ...overrides,
});

export const commandRun = (
  overrides: Partial<CommandRun> = {},
): CommandRun => ({
  id: '6f1c2a9e-3b7d-4c21-9a55-0d4e8f1b2c3d',
  createdBy: 'user:default/alice',
  createdAt: '2026-11-23T10:00:00.000Z',
  command: { argv: ['uname', '-a'] },
  target: { instances: ['dev-alice'] },
  timeoutSeconds: 300,
  concurrency: 10,
  state: 'running',
  counts: { queued: 1 },
  results: [result('dev-alice')],
  ...overrides,
});

/** A stream the test feeds: `push` events, then `end` (or `fail`). */
export function controlledStream<T>() {
  const queue: T[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const nextPush = () =>
    new Promise<void>(resolve => {
      wake = resolve;
    });
  async function* iterate(): AsyncGenerator<T> {
    for (;;) {
      if (queue.length) {
        yield queue.shift()!;
      } else if (failure) {
        throw failure;
      } else if (ended) {
        return;
      } else {
        await nextPush();
      }
    }
  }
  return {
    iterable: iterate(),
    push: (...events: T[]) => {
      queue.push(...events);
      notify();
    },
    end: () => {
      ended = true;
      notify();
    },
    fail: (error: Error) => {
      failure = error;
      notify();
    },
  };
}

const extension = (
  name: string,
  category: string,
  dependencies: string[] = [],
  use: Partial<RegistryExtension> = {},
): RegistryExtension => ({
  name,
  version: '1.0.0',
  description: `${name} for tests`,
  category,
  dependencies,
  installMethod: 'mise',
  requirements: { domains: [] },
  bom: [],
  usedBy: 0,
  failedOn: 0,
  ...use,
});

/** A slice of the real registry: agent-browser and what it needs, and two unrelated extensions. */
export function extensionRegistry(): ExtensionRegistry {
  return {
    source: { registryVersion: '3.0.0', usage: 'test agents' },
    invalid: [],
    extensions: [
      extension('agent-browser', 'ai-agents', ['nodejs', 'playwright'], {
        usedBy: 2,
        installTime: { samples: 2, meanSeconds: 95, p95Seconds: 130 },
        requirements: {
          domains: ['registry.npmjs.org'],
          diskSpaceMb: 200,
          memoryMb: 512,
          installTimeSeconds: 120,
        },
      }),
      extension('playwright', 'testing', ['nodejs']),
      extension('nodejs', 'languages', ['mise-config'], { usedBy: 5 }),
      extension('mise-config', 'package-manager'),
      extension('python', 'languages', ['mise-config'], { failedOn: 1 }),
      extension('docker', 'devops'),
    ],
  };
}
