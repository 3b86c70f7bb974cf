import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  CreateDeploymentRequest,
  DeploymentOptions,
  FleetInstance,
  InstanceDeployment,
  LifecycleOperation,
  LifecycleRequest,
  OperationStarted,
  PROVIDERS_WITH_REGION,
} from '@internal/plugin-sindri-common';
import { SindriRegistryService } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { EventService } from '../events/EventService';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { ConfigVersionStore } from '../configVersions/ConfigVersionStore';
import { DeploymentOrchestrator } from './DeploymentOrchestrator';
import { DeploymentRecovery } from './DeploymentRecovery';
import { DeploymentSteps } from './DeploymentSteps';
import { DeploymentStore } from './DeploymentStore';
import { DocumentResolver } from './DocumentResolver';
import { OperationRunner } from './OperationRunner';
import { DeployAccess, DeploymentSettings, SpendGate } from './types';

export type { DeployAccess, DeploymentSettings } from './types';

/**
 * What the deployment routes call: the create form's options, validation,
 * creating instances and running their lifecycle, and reading operations.
 * The work is done by the document resolver, the orchestrator and the
 * operation runner; recovery after a restart by `recovery`.
 */
export class DeploymentService {
  readonly operations: OperationRunner;
  readonly recovery: DeploymentRecovery;
  private readonly documents: DocumentResolver;
  private readonly orchestrator: DeploymentOrchestrator;

  constructor(
    private readonly deps: {
      drivers: DriverRegistry;
      instances: InstanceStore;
      tokens: AgentTokenStore;
      store: DeploymentStore;
      versions: ConfigVersionStore;
      events: EventService;
      changes: InstanceChanges;
      registry: SindriRegistryService;
      logger: LoggerService;
      settings: DeploymentSettings;
      /** an instance was removed: e.g. close its agent's connection */
      onRemoved?: (instanceId: string) => void;
      /** an instance's token was rotated: end the connections that used the old one */
      onTokenRotated?: () => Promise<void>;
      /** whether the catalog shows this entity yet: a deploy ends once its instance can be opened */
      entityVisible?: (entityRef: string) => Promise<boolean>;
      /** budgets: may refuse a create, clone or resume before anything runs */
      spendGate?: SpendGate;
    },
  ) {
    this.operations = new OperationRunner(deps.store, deps.logger);
    this.documents = new DocumentResolver({
      validator: deps.registry.validator(),
      instances: deps.instances,
      store: deps.store,
      organizations: deps.settings.organizations,
    });
    const steps = new DeploymentSteps(deps);
    this.orchestrator = new DeploymentOrchestrator({
      ...deps,
      documents: this.documents,
      steps,
      runner: this.operations,
    });
    this.recovery = new DeploymentRecovery({ ...deps, steps });
  }

  /** What a create form offers: the drivers this caller may use, profiles, extensions and regions. */
  async options(access: DeployAccess): Promise<DeploymentOptions> {
    const { registry, drivers } = this.deps;
    const usable = [];
    for (const d of drivers.all())
      if (await access.mayUseDriver(d.id)) usable.push(d);
    const defaultDriver = drivers.defaultDriverId();
    return {
      drivers: usable.map(d => drivers.describe(d)),
      defaultDriver: usable.some(d => d.id === defaultDriver)
        ? defaultDriver
        : usable[0]?.id,
      profiles: registry.listProfiles().map(p => ({
        name: p.name,
        description: p.description,
        extensions: p.extensions,
      })),
      extensions: registry.listExtensions().map(e => ({
        name: e.name,
        category: e.category,
        description: e.description,
      })),
      providersWithRegion: [...PROVIDERS_WITH_REGION],
      regionHints: registry.regionHints(),
    };
  }

  /** The document a create request names, unchecked (what a cost estimate reads). */
  async draft(request: Parameters<DocumentResolver['draft']>[0]) {
    return (await this.documents.draft(request)).document;
  }

  validate(sindriYaml: string, access: DeployAccess) {
    return this.documents.validate(sindriYaml, access);
  }

  create(
    request: CreateDeploymentRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    return this.orchestrator.create(request, actor, access);
  }

  /** Checks an edit of a deployed instance's sindri.yaml; 404 when the portal did not deploy it. */
  async validateUpdate(
    instance: FleetInstance,
    sindriYaml: string,
    access: DeployAccess,
  ) {
    const deployment = await this.deps.store.get(instance.id);
    if (!deployment)
      throw new NotFoundError(
        `${instance.name} was not deployed by the portal`,
      );
    return this.documents.validateUpdate(
      sindriYaml,
      { name: instance.name, sindriYaml: deployment.sindriYaml },
      access,
    );
  }

  /** Starts the `update` that applies a validated sindri.yaml; `store` keeps it as a version first. */
  update(
    instance: FleetInstance,
    sindriYaml: string,
    actor: string,
    access: DeployAccess,
    store: (operationId: string) => Promise<void>,
  ): Promise<OperationStarted> {
    return this.orchestrator.update(instance, sindriYaml, actor, access, store);
  }

  lifecycle(
    instance: FleetInstance,
    request: LifecycleRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    return this.orchestrator.lifecycle(instance, request, actor, access);
  }

  /** The operation as it is now: live from the runner while it runs, else as stored. */
  async getOperation(id: string): Promise<LifecycleOperation | undefined> {
    return (
      this.operations.snapshot(id) ?? (await this.deps.store.getOperation(id))
    );
  }

  /** The instance's newest operations, live ones as they are now. */
  async listOperations(
    instanceId: string,
    limit: number,
  ): Promise<LifecycleOperation[]> {
    return (await this.deps.store.listOperations(instanceId, limit)).map(
      op => this.operations.snapshot(op.id) ?? op,
    );
  }

  async getDeployment(
    instanceId: string,
  ): Promise<InstanceDeployment | undefined> {
    const found = await this.deps.store.get(instanceId);
    if (!found) return undefined;
    const { instanceId: _id, ...deployment } = found;
    return deployment;
  }

  /** The portal is stopping: running operations are cancelled, and their drivers end what they started. */
  async shutdown(): Promise<void> {
    await this.operations.shutdown();
  }
}
