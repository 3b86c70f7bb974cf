import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { NotFoundError } from '@backstage/errors';
import {
  FleetInstance,
  METRICS_RANGES,
  MetricsRange,
  MetricsResolution,
} from '@internal/plugin-sindri-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { SampleStore } from '../database/SampleStore';

/** What the portal knows of registered instances: the fleet, one instance, its metrics and events. */
export class InstanceService {
  constructor(
    private readonly instances: InstanceStore,
    private readonly samples: SampleStore,
  ) {}

  list(criteria?: PermissionCriteria<InstanceQuery>): Promise<FleetInstance[]> {
    return this.instances.listRegistered(criteria);
  }

  /** The registered instance of that name; 404 for an unknown or never-registered one. */
  async getRegistered(name: string): Promise<FleetInstance> {
    const instance = await this.instances.getByName(name);
    if (!instance?.registeredAt)
      throw new NotFoundError(`no registered instance named ${name}`);
    return instance;
  }

  /** An enrolled instance of that name, registered or not. */
  async getEnrolled(name: string): Promise<FleetInstance> {
    const instance = await this.instances.getByName(name);
    if (!instance) throw new NotFoundError(`no instance named ${name}`);
    return instance;
  }

  async metrics(
    instanceId: string,
    query: { range: MetricsRange; resolution?: MetricsResolution },
    to = new Date(),
  ) {
    const range = METRICS_RANGES[query.range];
    const from = new Date(to.getTime() - range.ms);
    const resolution = query.resolution ?? range.resolution;
    const { items, truncated } = await this.samples.metricsSeries(instanceId, {
      from,
      to,
      resolution,
    });
    return {
      range: query.range,
      resolution,
      from: from.toISOString(),
      to: to.toISOString(),
      items,
      ...(truncated ? { truncated } : {}),
    };
  }
}
