import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { FleetInstance } from '@internal/plugin-sindri-common';

/**
 * Reads the fleet from the Sindri backend plugin with the calling plugin's
 * own service credentials, for modules of other plugins (catalog, scaffolder).
 *
 * @public
 */
export class SindriFleetClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async listInstances(): Promise<FleetInstance[]> {
    const baseUrl = await this.deps.discovery.getBaseUrl('sindri');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'sindri',
    });
    const response = await fetch(`${baseUrl}/instances`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return ((await response.json()) as { items: FleetInstance[] }).items;
  }
}
