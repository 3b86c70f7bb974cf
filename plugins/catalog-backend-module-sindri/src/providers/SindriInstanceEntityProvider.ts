import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  FleetInstance,
  instanceEntityRef,
} from '@internal/plugin-sindri-common';
import {
  INSTANCE_CHANGED_TOPIC,
  InstanceChangedPayload,
  SindriFleetClient,
  SindriRegistryService,
} from '@internal/plugin-sindri-node';
import { instanceToEntity } from './instanceEntity';

/** The part of the fleet client the provider needs. */
export interface FleetReader {
  listInstances(): Promise<FleetInstance[]>;
}

/**
 * Sindri instances as catalog entities. Every registration and status change
 * arrives as an event and is applied at once as a delta with the complete
 * entity; a scheduled full mutation from the fleet API is the backstop that
 * also removes instances no longer registered.
 */
export class SindriInstanceEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly knownExtensions: ReadonlySet<string>;

  static fromConfig(
    config: RootConfigService,
    deps: {
      onRegistered?: (entityRef: string) => void;
      auth: AuthService;
      discovery: DiscoveryService;
      events: EventsService;
      logger: LoggerService;
      registry: SindriRegistryService;
      scheduler: SchedulerService;
    },
  ): SindriInstanceEntityProvider {
    const schedule = config.has('sindri.catalog.instances.schedule')
      ? config.getConfig('sindri.catalog.instances.schedule')
      : undefined;
    const taskRunner = deps.scheduler.createScheduledTaskRunner(
      schedule
        ? {
            frequency: { seconds: schedule.getNumber('frequencySeconds') },
            timeout: {
              seconds: schedule.getOptionalNumber('timeoutSeconds') ?? 60,
            },
          }
        : { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
    );
    return new SindriInstanceEntityProvider({
      fleet: new SindriFleetClient(deps),
      events: deps.events,
      logger: deps.logger,
      registry: deps.registry,
      taskRunner,
      onRegistered: deps.onRegistered,
    });
  }

  constructor(
    private readonly options: {
      fleet: FleetReader;
      events: EventsService;
      logger: LoggerService;
      registry: SindriRegistryService;
      taskRunner: SchedulerServiceTaskRunner;
      /** told of each new instance's entity (its first registration), e.g. to index it for search now */
      onRegistered?: (entityRef: string) => void;
    },
  ) {
    this.knownExtensions = new Set(
      options.registry.listExtensions().map(e => e.name),
    );
  }

  getProviderName(): string {
    return 'sindri-instances';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.events.subscribe({
      id: 'catalog-sindri-instances',
      topics: [INSTANCE_CHANGED_TOPIC],
      onEvent: async params => {
        const { instance, reason, first } =
          params.eventPayload as InstanceChangedPayload;
        if (reason === 'removed') await this.removeDelta(instance);
        else await this.applyDelta(instance);
        // a new entity: a reconnect or a re-registration changes nothing search shows
        if (reason === 'registered' && first)
          this.options.onRegistered?.(instanceEntityRef(instance.name));
      },
    });
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `Full refresh of Sindri instances failed: ${error}`,
          );
        }
      },
    });
  }

  /** Replaces every instance entity with the fleet as the API reports it. */
  async refresh(): Promise<void> {
    const connection = this.requireConnection();
    const instances = await this.options.fleet.listInstances();
    await connection.applyMutation({
      type: 'full',
      entities: instances.map(instance => ({
        entity: this.toEntity(instance),
        locationKey: this.getProviderName(),
      })),
    });
  }

  /** Adds or updates one instance's entity. */
  async applyDelta(instance: FleetInstance): Promise<void> {
    const connection = this.requireConnection();
    await connection.applyMutation({
      type: 'delta',
      added: [
        {
          entity: this.toEntity(instance),
          locationKey: this.getProviderName(),
        },
      ],
      removed: [],
    });
  }

  /** Takes a destroyed instance's entity out of the catalog at once. */
  async removeDelta(instance: FleetInstance): Promise<void> {
    const connection = this.requireConnection();
    await connection.applyMutation({
      type: 'delta',
      added: [],
      removed: [
        {
          entity: this.toEntity(instance),
          locationKey: this.getProviderName(),
        },
      ],
    });
  }

  private toEntity(instance: FleetInstance) {
    return instanceToEntity(instance, {
      knownExtensions: this.knownExtensions,
    });
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection)
      throw new Error('SindriInstanceEntityProvider is not connected');
    return this.connection;
  }
}
