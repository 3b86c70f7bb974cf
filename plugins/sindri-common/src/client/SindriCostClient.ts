import type { FleetCost, InstanceCost, InstanceUsage } from '../index';
import { HttpTransport } from './HttpTransport';

/** What instances cost: each instance's estimate and the readable fleet's spend. */
export class SindriCostClient {
  constructor(private readonly http: HttpTransport) {}

  instance(name: string): Promise<InstanceCost> {
    return this.http.json('GET', `/instances/${encodeURIComponent(name)}/cost`);
  }

  /** Whether the instance is idle and bigger than it needs, with the data behind each. */
  usage(name: string): Promise<InstanceUsage> {
    return this.http.json(
      'GET',
      `/instances/${encodeURIComponent(name)}/usage`,
    );
  }

  fleet(): Promise<FleetCost> {
    return this.http.json('GET', '/fleet/cost');
  }
}
