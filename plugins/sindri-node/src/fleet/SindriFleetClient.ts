import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { FleetInstance } from '@internal/plugin-sindri-common';
import { sindriClientFor } from '../client/sindriClientFor';

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

  listInstances(): Promise<FleetInstance[]> {
    return sindriClientFor(this.deps, 'own service').listInstances();
  }
}
