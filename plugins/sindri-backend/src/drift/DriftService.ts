import { LoggerService } from '@backstage/backend-plugin-api';
import { DependencyGraph, InstanceDrift } from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { EventService } from '../events/EventService';
import { ConfigVersionStore } from '../configVersions/ConfigVersionStore';
import { computeDrift } from './computeDrift';
import { DriftStore } from './DriftStore';

const EVENT_MESSAGE: Record<
  InstanceDrift['status'],
  (reason?: string) => string
> = {
  drifted: reason => `drifted from its declared sindri.yaml: ${reason}`,
  'in-sync': reason => `matches its declared sindri.yaml again (${reason})`,
  unknown: reason => `drift unknown: ${reason}`,
};

/**
 * Recomputes an instance's drift when what was declared or what was reported
 * changes (a registration, a stored version), stores it, and records a
 * `drift` event when the verdict changes.
 */
export class DriftService {
  private readonly graph: DependencyGraph;

  constructor(
    private readonly deps: {
      store: DriftStore;
      instances: InstanceStore;
      deployments: DeploymentStore;
      versions: ConfigVersionStore;
      drivers: DriverRegistry;
      registry: SindriRegistryService;
      events: EventService;
      logger: LoggerService;
    },
  ) {
    this.graph = new DependencyGraph(deps.registry.listExtensions());
  }

  get(instanceId: string) {
    return this.deps.store.get(instanceId);
  }

  /** Recomputes and stores; a failure is logged, never the caller's (ingest must not fail for it). */
  async check(instanceId: string): Promise<void> {
    try {
      await this.recompute(instanceId);
    } catch (error) {
      this.deps.logger.warn(`Drift of ${instanceId} not computed: ${error}`);
    }
  }

  /** The drift as it would be computed now, without storing it or telling anyone. */
  async compute(instanceId: string) {
    const { instances, deployments, versions, drivers, registry } = this.deps;
    const instance = await instances.get(instanceId);
    if (!instance) return undefined;
    const deployment = await deployments.get(instanceId);
    const drift = computeDrift({
      declared: deployment && {
        sindriYaml: deployment.sindriYaml,
        version: (await versions.newestNumber(instanceId)) ?? 1,
        driver: deployment.driver,
        installsNoExtensions: Boolean(
          drivers.get(deployment.driver)?.installsNoExtensions,
        ),
      },
      registration: instance.registration,
      profiles: registry.listProfiles(),
      graph: this.graph,
    });
    return { instance, drift };
  }

  async recompute(instanceId: string): Promise<InstanceDrift | undefined> {
    const computed = await this.compute(instanceId);
    if (!computed) return undefined;
    const { instance, drift } = computed;
    const { before } = await this.deps.store.replace(instanceId, drift);
    if (changed(before, drift)) {
      await this.deps.events.recordOrWarn({
        type: 'drift',
        instance: { id: instanceId, name: instance.name },
        severity: drift.status === 'drifted' ? 'warning' : 'info',
        message: EVENT_MESSAGE[drift.status](drift.reason),
        data: {
          status: drift.status,
          missing: drift.missing.length,
          extra: drift.extra.length,
          failed: drift.failed.length,
          config: drift.config,
        },
      });
    }
    return this.deps.store.get(instanceId);
  }
}

/** A new verdict, or a drifted one that drifted differently: worth an event. */
function changed(
  before: InstanceDrift | undefined,
  now: Omit<InstanceDrift, 'checkedAt'>,
): boolean {
  if (!before) return now.status === 'drifted';
  if (before.status !== now.status) return true;
  if (now.status !== 'drifted') return false;
  const key = (d: Omit<InstanceDrift, 'checkedAt'>) =>
    JSON.stringify([d.config, d.missing, d.extra, d.failed]);
  return key(before) !== key(now);
}
