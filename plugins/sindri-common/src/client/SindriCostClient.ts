import type { FleetCost, InstanceCost } from '../index';
import { HttpTransport } from './HttpTransport';

/** What instances cost: each instance's estimate and the readable fleet's spend. */
export class SindriCostClient {
  constructor(private readonly http: HttpTransport) {}

  instance(name: string): Promise<InstanceCost> {
    return this.http.json('GET', `/instances/${encodeURIComponent(name)}/cost`);
  }

  fleet(): Promise<FleetCost> {
    return this.http.json('GET', '/fleet/cost');
  }
}
