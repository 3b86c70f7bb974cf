import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { FleetInstance, InstanceEvent } from '@internal/plugin-sindri-common';
import { MetricsRange, MetricsSeries, SindriApi } from './SindriApi';

/** SindriApi over HTTP, with the signed-in user's credentials. */
export class SindriClient implements SindriApi {
  constructor(private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  async listInstances(): Promise<FleetInstance[]> {
    return (await this.get<{ items: FleetInstance[] }>('/instances')).items;
  }

  getInstance(name: string): Promise<FleetInstance> {
    return this.get(`/instances/${encodeURIComponent(name)}`);
  }

  getMetrics(name: string, range: MetricsRange): Promise<MetricsSeries> {
    return this.get(`/instances/${encodeURIComponent(name)}/metrics?range=${range}`);
  }

  async getEvents(name: string, limit = 50): Promise<InstanceEvent[]> {
    return (await this.get<{ items: InstanceEvent[] }>(`/instances/${encodeURIComponent(name)}/events?limit=${limit}`)).items;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('sindri');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
