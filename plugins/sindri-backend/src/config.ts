import path from 'node:path';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  AllowedOrganizations,
  ORGANIZATION_FIELDS,
} from '@internal/plugin-sindri-common';
import { RetentionPolicy } from './database/SampleStore';

export interface SindriBackendConfig {
  retention: RetentionPolicy;
  rateLimit: {
    framesPerSecond: number;
    burst: number;
    liveFramesPerSecond: number;
    liveBurst: number;
  };
  agents: {
    keepaliveIntervalMs: number;
    tokenCheckIntervalMs: number;
    /** where the agent bundle served to instances is */
    bundleDir?: string;
  };
  terminal: { recordInput: boolean; recheckIntervalMs: number };
  /** how long log lines are kept, and how many bytes of them per instance at most */
  logs: { maxAgeMs: number; maxBytesPerInstance: number };
  /** how long terminal sessions, command runs and lifecycle operations are kept after they end, even past their instance */
  auditRetentionMs: number;
  replicas: {
    /** how long a replica's lease lasts unrenewed before others take it for stopped */
    leaseMs: number;
    /** how other replicas reach this one's Sindri routes; by default from the host name and port */
    internalUrl?: string;
  };
  deployments: {
    workDir: string;
    consoleUrl?: string;
    defaultDriver?: string;
    operationTimeoutMs: number;
    registrationTimeoutMs: number;
    catalogTimeoutMs: number;
    organizations: AllowedOrganizations;
  };
  /** the Sindri CLI binary; no CLI driver without it */
  cliPath?: string;
  /** the local driver, when enabled: how to start sindri-agent */
  localDriver?: { agentCommand: string[] };
}

/** A duration setting in milliseconds, or the fallback when it is not set. */
export function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  return durationToMilliseconds(
    config.has(key) ? readDurationFromConfig(config, { key }) : fallback,
  );
}

/** Reads the plugin's settings, with the documented defaults. */
export function readSindriBackendConfig(config: Config): SindriBackendConfig {
  return {
    retention: {
      rawMs: duration(config, 'sindri.metrics.retention.raw', { hours: 24 }),
      fiveMinuteMs: duration(config, 'sindri.metrics.retention.fiveMinute', {
        days: 7,
      }),
      hourMs: duration(config, 'sindri.metrics.retention.hour', { days: 90 }),
    },
    rateLimit: {
      framesPerSecond:
        config.getOptionalNumber('sindri.ingest.rateLimit.framesPerSecond') ??
        20,
      burst: config.getOptionalNumber('sindri.ingest.rateLimit.burst') ?? 600,
      liveFramesPerSecond:
        config.getOptionalNumber(
          'sindri.ingest.rateLimit.liveFramesPerSecond',
        ) ?? 5000,
      liveBurst:
        config.getOptionalNumber('sindri.ingest.rateLimit.liveBurst') ?? 10000,
    },
    agents: {
      keepaliveIntervalMs: duration(config, 'sindri.agents.keepaliveInterval', {
        seconds: 10,
      }),
      tokenCheckIntervalMs: duration(
        config,
        'sindri.agents.tokenCheckInterval',
        { seconds: 1 },
      ),
      bundleDir: config.getOptionalString('sindri.agents.bundleDir')
        ? path.resolve(config.getString('sindri.agents.bundleDir'))
        : undefined,
    },
    terminal: {
      recordInput:
        config.getOptionalBoolean('sindri.terminal.recordInput') ?? false,
      recheckIntervalMs: duration(
        config,
        'sindri.terminal.permissionRecheckInterval',
        { seconds: 30 },
      ),
    },
    logs: {
      maxAgeMs: duration(config, 'sindri.logs.retention.maxAge', { days: 7 }),
      maxBytesPerInstance:
        config.getOptionalNumber('sindri.logs.retention.maxBytesPerInstance') ??
        50 * 1024 * 1024,
    },
    auditRetentionMs: duration(config, 'sindri.audit.retention', { days: 365 }),
    replicas: {
      leaseMs: duration(config, 'sindri.replicas.lease', { seconds: 30 }),
      internalUrl: config
        .getOptionalString('sindri.replicas.internalUrl')
        ?.replace(/\/+$/, ''),
    },
    deployments: {
      workDir: path.resolve(
        config.getOptionalString('sindri.deployments.workDir') ??
          'data/sindri-deployments',
      ),
      consoleUrl: config.getOptionalString('sindri.deployments.consoleUrl'),
      defaultDriver: config.getOptionalString(
        'sindri.deployments.defaultDriver',
      ),
      operationTimeoutMs: duration(
        config,
        'sindri.deployments.operationTimeout',
        { minutes: 30 },
      ),
      registrationTimeoutMs: duration(
        config,
        'sindri.deployments.registrationTimeout',
        { minutes: 10 },
      ),
      catalogTimeoutMs: duration(config, 'sindri.deployments.catalogTimeout', {
        seconds: 30,
      }),
      organizations: Object.fromEntries(
        Object.keys(ORGANIZATION_FIELDS).map(key => [
          key,
          config.getOptionalStringArray(
            `sindri.deployments.organizations.${key}`,
          ) ?? [],
        ]),
      ),
    },
    cliPath: config.getOptionalString('sindri.cli.path'),
    localDriver: config.getOptionalBoolean('sindri.drivers.local.enabled')
      ? {
          // relative paths are the config's, from the backend's working directory; the agent runs elsewhere
          agentCommand: (
            config.getOptionalStringArray(
              'sindri.drivers.local.agentCommand',
            ) ?? ['sindri-agent']
          ).map(arg =>
            arg.startsWith('./') || arg.startsWith('../')
              ? path.resolve(arg)
              : arg,
          ),
        }
      : undefined,
  };
}
