import { Knex } from 'knex';
import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { SindriBackendConfig } from '../config';
import { pruneAudit } from '../database/auditRetention';
import { InstanceStore } from '../database/InstanceStore';
import { SampleStore } from '../database/SampleStore';
import { DeploymentService } from '../deployments/DeploymentService';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { EventService } from '../events/EventService';
import { announceHeartbeatLost } from '../events/heartbeatLost';
import { AvailabilityStore } from '../fleet/AvailabilityStore';
import { LogStore } from '../logs/LogStore';

/** Periodic work, run by the scheduler service (once across replicas unless `scope: 'local'`). */
export interface SindriTask extends SchedulerServiceTaskScheduleDefinition {
  id: string;
  fn: () => Promise<void>;
}

export function sindriTasks(deps: {
  knex: Knex;
  settings: SindriBackendConfig;
  logger: LoggerService;
  instances: InstanceStore;
  samples: SampleStore;
  changes: InstanceChanges;
  deployments: DeploymentService;
  events: EventService;
  availability: AvailabilityStore;
  logs: LogStore;
}): SindriTask[] {
  const { knex, settings, logger, instances, samples, changes, events } = deps;
  return [
    {
      id: 'sindri-instance-status',
      scope: 'local',
      frequency: { seconds: 2 },
      timeout: { seconds: 30 },
      fn: async () => {
        for (const id of await instances.markUnresponsive())
          await announceHeartbeatLost(
            { instances, events, changes },
            id,
            'overdue',
          );
      },
    },
    {
      id: 'sindri-audit-retention',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      fn: async () => {
        const pruned = await pruneAudit(
          knex,
          new Date(Date.now() - settings.auditRetentionMs),
        );
        logger.debug(`Audit retention: ${JSON.stringify(pruned)} rows pruned`);
      },
    },
    {
      id: 'sindri-log-retention',
      frequency: { minutes: 15 },
      timeout: { minutes: 10 },
      fn: async () => {
        const pruned = await deps.logs.prune(
          new Date(Date.now() - settings.logs.maxAgeMs),
          settings.logs.maxBytesPerInstance,
        );
        logger.debug(`Log retention: ${pruned} lines pruned`);
      },
    },
    {
      id: 'sindri-operations-settle',
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      fn: async () => {
        await deps.deployments.recovery.settleOverdue();
      },
    },
    {
      id: 'sindri-availability',
      frequency: { minutes: 5 },
      timeout: { minutes: 4 },
      fn: async () => {
        const count = await deps.availability.compute();
        logger.debug(`Availability computed for ${count} instances`);
      },
    },
    {
      id: 'sindri-metrics-compaction',
      frequency: { minutes: 5 },
      timeout: { minutes: 4 },
      fn: async () => {
        const { downsampled, pruned } = await samples.compact(
          settings.retention,
        );
        const prunedEvents = await events.prune(
          new Date(Date.now() - settings.retention.hourMs),
        );
        logger.debug(
          `Metrics compaction: ${downsampled} buckets written, ${pruned} rows and ${prunedEvents} events pruned`,
        );
      },
    },
  ];
}
