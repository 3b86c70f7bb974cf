import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { extensionToEntity } from './extensionEntity';

/**
 * Emits every extension of the Sindri registry as a catalog entity, as one
 * full mutation: an extension removed from the registry leaves the catalog.
 */
export class SindriExtensionEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly registry: SindriRegistryService,
    private readonly owner: string,
  ) {}

  getProviderName(): string {
    return 'sindri-extensions';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error('SindriExtensionEntityProvider is not connected');
    }
    const entities = this.registry.listExtensions().map(ext => {
      const location = `file:${this.registry.extensionFile(ext.name)}`;
      return {
        entity: extensionToEntity(ext, { owner: this.owner, location }),
        locationKey: this.getProviderName(),
      };
    });
    await this.connection.applyMutation({ type: 'full', entities });
  }
}
