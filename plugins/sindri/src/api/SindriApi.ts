import { createApiRef } from '@backstage/core-plugin-api';
import { FleetInstance, InstanceEvent, MetricsSample } from '@internal/plugin-sindri-common';

export type MetricsRange = '1h' | '24h' | '7d';

export interface MetricsSeries {
  range: MetricsRange;
  resolution: 'raw' | '5m' | '1h';
  from: string;
  to: string;
  items: MetricsSample[];
}

/** The Sindri backend's fleet API, as the frontend uses it. */
export interface SindriApi {
  listInstances(): Promise<FleetInstance[]>;
  getInstance(name: string): Promise<FleetInstance>;
  getMetrics(name: string, range: MetricsRange): Promise<MetricsSeries>;
  getEvents(name: string, limit?: number): Promise<InstanceEvent[]>;
}

export const sindriApiRef = createApiRef<SindriApi>({ id: 'plugin.sindri.api' });
