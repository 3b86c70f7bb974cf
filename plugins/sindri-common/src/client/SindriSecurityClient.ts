import type { FleetSecurity, InstanceSecurity } from '../index';
import { HttpTransport } from './HttpTransport';

/** What instances have installed and expose, and their CycloneDX documents. */
export class SindriSecurityClient {
  constructor(private readonly http: HttpTransport) {}

  instance(name: string): Promise<InstanceSecurity> {
    return this.http.json(
      'GET',
      `/instances/${encodeURIComponent(name)}/security`,
    );
  }

  fleet(): Promise<FleetSecurity> {
    return this.http.json('GET', '/fleet/security');
  }

  /** The instance's components as CycloneDX JSON text. */
  async sbom(name: string): Promise<string> {
    const response = await this.http.send(
      'GET',
      `/instances/${encodeURIComponent(name)}/sbom`,
    );
    return response.text();
  }

  async fleetSbom(): Promise<string> {
    return (await this.http.send('GET', '/fleet/sbom')).text();
  }
}
