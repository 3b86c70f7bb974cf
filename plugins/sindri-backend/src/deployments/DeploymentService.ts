import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AllowedOrganizations,
  CreateDeploymentRequest,
  DeploymentOptions,
  DeploymentState,
  describeIssue,
  DriverOption,
  hostReferences,
  FleetInstance,
  GuardedFieldId,
  guardedFieldUses,
  instanceEntityRef,
  InstanceDeployment,
  LifecycleAction,
  LifecycleOperation,
  LifecycleRequest,
  OperationKind,
  OperationStarted,
  PROVIDERS_WITH_REGION,
  SindriConfigValidator,
  SINDRI_PROVIDERS,
  withConsoleAgent,
} from '@internal/plugin-sindri-common';
import {
  DriverRun,
  SindriDriver,
  SindriRegistryService,
} from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { SampleStore } from '../database/SampleStore';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { DeploymentStore } from './DeploymentStore';
import { OperationRunner } from './OperationRunner';

export interface DeploymentSettings {
  /** where each instance's work dir (its sindri.yaml, CLI state) lives */
  workDir: string;
  /** the backend URL agents of new instances phone home to */
  consoleUrl: () => Promise<string>;
  defaultDriver?: string;
  /** how long one driver operation may take */
  operationTimeoutMs: number;
  /** how long a new or resumed instance's agent has to register */
  registrationTimeoutMs: number;
  /** region codes to suggest per provider (from Sindri's schema) */
  regionHints?: Record<string, string[]>;
  /** how long a deploy waits for the new instance's entity in the catalog (0: not at all) */
  catalogTimeoutMs: number;
  /** provider organisations the platform deploys into; another one is a guarded field */
  organizations?: AllowedOrganizations;
}

/** What the caller may deploy with, as the permission policy decides it. */
export interface DeployAccess {
  mayUseDriver(driverId: string): Promise<boolean>;
  /** the guarded fields among these that the caller may set */
  allowedFields(fields: GuardedFieldId[]): Promise<Set<GuardedFieldId>>;
}

/** Lifecycle actions: the states each may start from, the state while it runs. */
const TRANSITIONS: Record<
  LifecycleAction,
  { from: DeploymentState[]; during: DeploymentState }
> = {
  suspend: { from: ['running', 'failed'], during: 'suspending' },
  resume: { from: ['suspended', 'failed'], during: 'resuming' },
  redeploy: { from: ['running', 'suspended', 'failed'], during: 'redeploying' },
  destroy: { from: ['running', 'suspended', 'failed'], during: 'destroying' },
};

/** How the built-in drivers present themselves in a create form. */
const DRIVER_INFO: Record<string, Omit<DriverOption, 'id'>> = {
  local: { title: 'This machine (local driver)', providers: ['local'] },
  'sindri-cli': {
    title: 'The provider in sindri.yaml (Sindri CLI)',
    providers: SINDRI_PROVIDERS,
  },
};

/**
 * Creates instances from sindri.yaml and runs their lifecycle through a
 * driver: validate, enroll (mint the instance's token), deploy with the
 * console-agent extension, wait for the agent to register; suspend, resume,
 * redeploy, destroy. Every operation is recorded, and a failed deploy leaves
 * no instance behind.
 */
export class DeploymentService {
  private readonly runner: OperationRunner;

  constructor(
    private readonly deps: {
      drivers: Map<string, SindriDriver>;
      instances: InstanceStore;
      store: DeploymentStore;
      samples: SampleStore;
      changes: InstanceChanges;
      validator: SindriConfigValidator;
      registry: SindriRegistryService;
      logger: LoggerService;
      settings: DeploymentSettings;
      /** an instance was removed: e.g. close its agent's connection */
      onRemoved?: (instanceId: string) => void;
      /** an instance's token was rotated: end the connections that used the old one */
      onTokenRotated?: () => Promise<void>;
      /** whether the catalog shows this entity yet: a deploy ends once its instance can be opened */
      entityVisible?: (entityRef: string) => Promise<boolean>;
    },
  ) {
    this.runner = new OperationRunner(deps.store, deps.logger);
  }

  get operations(): OperationRunner {
    return this.runner;
  }

  /** What a create form offers: the drivers this caller may use, profiles, extensions and regions. */
  async options(access: DeployAccess): Promise<DeploymentOptions> {
    const { registry } = this.deps;
    const usable = [];
    for (const d of this.deps.drivers.values())
      if (await access.mayUseDriver(d.id)) usable.push(d);
    const defaultDriver = this.defaultDriverId();
    return {
      drivers: usable.map(d => ({
        id: d.id,
        ...(DRIVER_INFO[d.id] ?? { title: d.id, providers: [] }),
      })),
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
      providersWithRegion: PROVIDERS_WITH_REGION,
      regionHints: this.deps.settings.regionHints ?? {},
    };
  }

  /**
   * Checks sindri.yaml text as `sindri config validate` does, then for what
   * the portal will not deploy (fields that read the portal's own files) and
   * the guarded fields this caller may not set.
   */
  async validate(sindriYaml: string, access: DeployAccess) {
    const verdict = this.deps.validator.checkText(sindriYaml);
    const refused = verdict.document
      ? [
          ...hostReferences(verdict.document),
          ...(await this.refusedFields(verdict.document, access)),
        ]
      : [];
    return {
      ...verdict,
      valid: verdict.valid && !refused.length,
      issues: [...verdict.issues, ...refused],
    };
  }

  /** Starts a deploy (or, with `dryRun`, a plan). Validation and enrollment happen before it answers. */
  async create(
    request: CreateDeploymentRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    const driver = this.driver(request.driver);
    await this.requireDriver(driver, access);
    const document = await this.resolveDocument(request, access);
    const deployed = withConsoleAgent(document);

    if (request.dryRun) {
      const workDir = path.join(
        this.deps.settings.workDir,
        '.plans',
        crypto.randomUUID(),
      );
      const operation = await this.deps.store.startOperation({
        instanceName: request.name,
        kind: 'plan',
        driver: driver.id,
        actor,
      });
      this.runner.run(operation, async (say, signal) => {
        try {
          await driver.plan(
            deployed,
            this.driverRun(
              workDir,
              say,
              {
                ...(await this.agentEnv(request.name)),
                SINDRI_AGENT_TOKEN: 'minted-at-deploy',
              },
              signal,
            ),
          );
        } finally {
          await fs.rm(workDir, { recursive: true, force: true });
        }
      });
      return { operation, entityRef: instanceEntityRef(request.name) };
    }

    const { instanceId, token } = await this.deps.instances.enroll({
      name: request.name,
      owner: request.owner,
      createdBy: actor,
    });
    let operation: LifecycleOperation;
    try {
      await this.deps.store.create({
        instanceId,
        driver: driver.id,
        sindriYaml: yaml.stringify(document),
        provider: String(
          (document.deployment as { provider?: string } | undefined)
            ?.provider ?? 'unknown',
        ),
        createdBy: actor,
      });
      operation = await this.deps.store.startOperation({
        instanceId,
        instanceName: request.name,
        kind: 'deploy',
        driver: driver.id,
        actor,
      });
    } catch (error) {
      // nothing ran yet: take the enrollment back, so no instance is left half-made
      await this.deps.instances.remove(instanceId);
      throw error;
    }
    const workDir = this.workDir(request.name);
    this.runner.run(
      operation,
      async (say, signal) => {
        await fs.rm(workDir, { recursive: true, force: true });
        try {
          say(`deploying ${request.name} with the ${driver.id} driver`);
          await driver.deploy(
            deployed,
            this.driverRun(
              workDir,
              say,
              {
                ...(await this.agentEnv(request.name)),
                SINDRI_AGENT_TOKEN: token,
              },
              signal,
            ),
          );
          // just enrolled: any registration is the new agent's
          await this.awaitRegistration(instanceId, undefined, say, signal);
          await this.awaitEntity(instanceEntityRef(request.name), say, signal);
        } catch (error) {
          await this.cleanUpFailedDeploy(
            driver,
            deployed,
            workDir,
            instanceId,
            say,
          );
          throw error;
        }
        await this.deps.store.setState(instanceId, 'running');
      },
      { onEnd: op => this.recordEvent(instanceId, op), redact: [token] },
    );
    return { operation, entityRef: instanceEntityRef(request.name) };
  }

  /** Starts suspend, resume, redeploy or destroy of an instance the portal deployed. */
  async lifecycle(
    instance: FleetInstance,
    request: LifecycleRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    const deployment = await this.deps.store.get(instance.id);
    if (!deployment) {
      throw new ConflictError(
        `${instance.name} was not deployed by the portal (it was enrolled by hand): run its lifecycle where it was deployed`,
      );
    }
    if (request.action === 'destroy' && request.confirm !== instance.name) {
      throw new InputError(
        `confirm: type the instance's name ("${instance.name}") to destroy it`,
      );
    }
    const driver = this.deps.drivers.get(deployment.driver);
    if (!driver)
      throw new ConflictError(
        `${instance.name} was deployed with the ${deployment.driver} driver, which this portal does not have`,
      );
    await this.requireDriver(driver, access);
    const transition = TRANSITIONS[request.action];
    if (!transition.from.includes(deployment.state)) {
      throw new ConflictError(
        `${instance.name} is ${deployment.state}: it cannot ${request.action} now`,
      );
    }
    // the state may have moved since it was read: only one operation wins the transition
    if (
      !(await this.deps.store.transition(
        instance.id,
        transition.from,
        transition.during,
      ))
    ) {
      const now = (await this.deps.store.get(instance.id))?.state;
      throw new ConflictError(
        `${instance.name} became ${now ?? 'absent'} meanwhile: it cannot ${
          request.action
        } now`,
      );
    }
    const kind: OperationKind = request.action;
    let operation: LifecycleOperation;
    let config: Record<string, unknown>;
    try {
      config = withConsoleAgent(yaml.parse(deployment.sindriYaml));
      operation = await this.deps.store.startOperation({
        instanceId: instance.id,
        instanceName: instance.name,
        kind,
        driver: driver.id,
        actor,
      });
    } catch (error) {
      await this.deps.store.setState(instance.id, deployment.state);
      throw error;
    }
    // filled once a redeploy has minted the instance's new token, masked from then on
    const redact: string[] = [];
    const workDir = this.workDir(instance.name);
    this.runner.run(
      operation,
      async (say, signal) => {
        try {
          await this.runLifecycle(request, {
            instance,
            driver,
            config,
            workDir,
            say,
            signal,
            actor,
            redact,
          });
        } catch (error) {
          await this.deps.store.setState(instance.id, 'failed');
          throw error;
        }
      },
      {
        onEnd: op =>
          request.action === 'destroy' && op.state === 'succeeded'
            ? undefined
            : this.recordEvent(instance.id, op),
        redact,
      },
    );
    return { operation, entityRef: instanceEntityRef(instance.name) };
  }

  async getDeployment(
    instanceId: string,
  ): Promise<InstanceDeployment | undefined> {
    const found = await this.deps.store.get(instanceId);
    if (!found) return undefined;
    const { instanceId: _id, ...deployment } = found;
    return deployment;
  }

  /**
   * Before the routes serve anything: operations an earlier start left
   * running can no longer finish; they are marked cancelled. Returns the
   * instances whose deploy was among them, to undo once the portal listens.
   */
  async abandonUnfinished(): Promise<string[]> {
    const abandoned = await this.deps.store.abandonRunning(
      'the portal restarted before the operation finished',
    );
    if (abandoned.length)
      this.deps.logger.warn(
        `${abandoned.length} lifecycle operations left running by an earlier start were marked cancelled`,
      );
    const deploys = new Set(
      abandoned
        .filter(op => op.kind === 'deploy' && op.instanceId)
        .map(op => op.instanceId!),
    );
    for (const d of await this.deps.store.listByState([
      'suspending',
      'resuming',
      'redeploying',
      'destroying',
    ])) {
      await this.deps.store.setState(d.instanceId, 'failed');
    }
    return [...deploys];
  }

  /**
   * Once the portal listens: deploys an earlier start left unfinished are
   * undone (as a failed deploy is), in the background; running instances of
   * drivers that live in the portal's process (local) are started again.
   */
  async recoverAfterStart(unfinishedDeploys: string[]): Promise<void> {
    for (const instanceId of unfinishedDeploys) {
      void this.undoDeploy(instanceId).catch(error =>
        this.deps.logger.error(
          `Could not undo the unfinished deploy of instance ${instanceId}: ${error}`,
        ),
      );
    }
    for (const d of await this.deps.store.listByState(['running'])) {
      const driver = this.deps.drivers.get(d.driver);
      if (!driver?.restartsWithPortal) continue;
      try {
        await driver.start(
          yaml.parse(d.sindriYaml),
          this.driverRun(
            this.workDir(d.instanceName),
            () => {},
            await this.agentEnv(d.instanceName),
          ),
        );
        this.deps.logger.info(`Started local instance ${d.instanceName} again`);
      } catch (error) {
        this.deps.logger.warn(
          `Could not start local instance ${d.instanceName} again: ${error}`,
        );
        await this.deps.store
          .setState(d.instanceId, 'failed')
          .catch(() => undefined);
      }
    }
  }

  private async undoDeploy(instanceId: string) {
    const d = await this.deps.store.get(instanceId);
    if (!d || d.state !== 'deploying') return;
    const driver = this.deps.drivers.get(d.driver);
    const say = (line: string) =>
      this.deps.logger.info(
        `Undoing the unfinished deploy of ${d.instanceName}: ${line}`,
      );
    if (driver)
      await this.cleanUpFailedDeploy(
        driver,
        withConsoleAgent(yaml.parse(d.sindriYaml)),
        this.workDir(d.instanceName),
        instanceId,
        say,
      );
    else await this.removeInstance(instanceId);
  }

  /**
   * Operations still running past the longest any may take are failed (their
   * process died, or their end could not be stored), so nothing stays
   * `running` for ever and every follower hears an end. Runs on a schedule.
   */
  async settleOverdue(now = Date.now()): Promise<number> {
    const { operationTimeoutMs, registrationTimeoutMs, catalogTimeoutMs } =
      this.deps.settings;
    const longest =
      operationTimeoutMs +
      registrationTimeoutMs +
      catalogTimeoutMs +
      5 * 60_000;
    const failed = await this.deps.store.failOverdue(
      new Date(now - longest),
      'the portal lost track of this operation: it ran past its deadline without an end being recorded',
    );
    if (failed)
      this.deps.logger.warn(
        `${failed} lifecycle operations ran past their deadline and were marked failed`,
      );
    return failed;
  }

  /** The portal is stopping: running operations are cancelled, and their drivers end what they started. */
  async shutdown(): Promise<void> {
    await this.runner.shutdown();
  }

  private async runLifecycle(
    request: LifecycleRequest,
    c: {
      instance: FleetInstance;
      driver: SindriDriver;
      config: Record<string, unknown>;
      workDir: string;
      say: (line: string) => void;
      signal: AbortSignal;
      actor: string;
      redact: string[];
    },
  ) {
    const { instance, driver, config, workDir, say, signal } = c;
    const run = (env?: Record<string, string>) =>
      this.driverRun(workDir, say, env, signal);
    switch (request.action) {
      case 'suspend':
        await driver.stop(config, run());
        await this.deps.store.setState(instance.id, 'suspended');
        if (await this.deps.instances.setStatus(instance.id, 'stopped'))
          await this.publish(instance.id, 'status');
        return;
      case 'resume': {
        const before = await this.registeredAt(instance.id);
        await driver.start(config, run(await this.agentEnv(instance.name)));
        await this.awaitRegistration(instance.id, before, say, signal);
        await this.deps.store.setState(instance.id, 'running');
        return;
      }
      case 'redeploy': {
        const before = await this.registeredAt(instance.id);
        // a fresh token: the old one is revoked, the new one only reaches the instance
        const { token } = await this.deps.instances.rotate(
          instance.id,
          c.actor,
        );
        c.redact.push(token);
        await this.deps.onTokenRotated?.();
        await driver.redeploy(
          config,
          run({
            ...(await this.agentEnv(instance.name)),
            SINDRI_AGENT_TOKEN: token,
          }),
        );
        await this.awaitRegistration(instance.id, before, say, signal);
        await this.deps.store.setState(instance.id, 'running');
        return;
      }
      case 'destroy': {
        await driver.destroy(config, { ...run(), volumes: request.volumes });
        await this.removeInstance(instance.id, instance);
        await fs.rm(workDir, { recursive: true, force: true });
        say(`${instance.name} is destroyed and leaves the catalog`);
        return;
      }
      default:
        throw new InputError(`action: unknown lifecycle action`);
    }
  }

  private async requireDriver(driver: SindriDriver, access: DeployAccess) {
    if (!(await access.mayUseDriver(driver.id)))
      throw new NotAllowedError(
        `not permitted: sindri.driver.use on ${driver.id}`,
      );
  }

  /** The guarded fields of a document that this caller may not set, as issues naming each field. */
  private async refusedFields(document: unknown, access: DeployAccess) {
    const uses = guardedFieldUses(document, this.deps.settings.organizations);
    if (!uses.length) return [];
    const allowed = await access.allowedFields([
      ...new Set(uses.map(u => u.field)),
    ]);
    return uses
      .filter(u => !allowed.has(u.field))
      .map(({ pointer, message }) => ({
        pointer,
        message: `${message}: not permitted for you`,
      }));
  }

  private async resolveDocument(
    request: CreateDeploymentRequest,
    access: DeployAccess,
  ): Promise<Record<string, unknown>> {
    let field = 'config';
    let document: Record<string, unknown>;
    if (request.sindriYaml !== undefined) {
      field = 'sindriYaml';
      const parsed = this.deps.validator.checkText(request.sindriYaml);
      if (
        !parsed.document ||
        typeof parsed.document !== 'object' ||
        Array.isArray(parsed.document)
      ) {
        throw new InputError(
          `sindriYaml: ${
            parsed.issues.map(describeIssue).join('; ') ||
            'must be a YAML mapping'
          }`,
        );
      }
      document = parsed.document as Record<string, unknown>;
    } else if (request.cloneFrom !== undefined) {
      field = 'cloneFrom';
      const source = await this.deps.instances.getByName(request.cloneFrom);
      const deployment = source && (await this.deps.store.get(source.id));
      if (!deployment)
        throw new NotFoundError(
          `cloneFrom: no instance named ${request.cloneFrom} with a stored sindri.yaml`,
        );
      document = retarget(
        yaml.parse(deployment.sindriYaml),
        request.provider,
        request.region,
      );
    } else {
      document = structuredClone(request.config!);
    }
    document.name = request.name;
    const verdict = this.deps.validator.check(document);
    if (!verdict.valid) {
      throw new InputError(
        `${field}: the sindri.yaml is invalid: ${verdict.issues
          .map(describeIssue)
          .join('; ')}`,
      );
    }
    const refused = [
      ...hostReferences(document),
      ...(await this.refusedFields(document, access)),
    ];
    if (refused.length) {
      throw new InputError(
        `${field}: the portal does not deploy this sindri.yaml: ${refused
          .map(describeIssue)
          .join('; ')}`,
      );
    }
    return document;
  }

  private driver(id?: string): SindriDriver {
    const chosen = id ?? this.defaultDriverId();
    const driver = chosen ? this.deps.drivers.get(chosen) : undefined;
    if (!driver) {
      const known = [...this.deps.drivers.keys()];
      throw new InputError(
        known.length
          ? `driver: "${chosen}" is not a driver of this portal (one of ${known.join(
              ', ',
            )})`
          : 'driver: this portal has no deployment driver configured (sindri.drivers)',
      );
    }
    return driver;
  }

  private defaultDriverId(): string | undefined {
    return this.deps.settings.defaultDriver ?? [...this.deps.drivers.keys()][0];
  }

  private workDir(name: string) {
    return path.join(this.deps.settings.workDir, name);
  }

  private async agentEnv(name: string): Promise<Record<string, string>> {
    return {
      SINDRI_CONSOLE_URL: await this.deps.settings.consoleUrl(),
      SINDRI_INSTANCE_NAME: name,
    };
  }

  private driverRun(
    workDir: string,
    say: (line: string) => void,
    env?: Record<string, string>,
    signal?: AbortSignal,
  ): DriverRun {
    return {
      workDir,
      env,
      signal,
      timeoutMs: this.deps.settings.operationTimeoutMs,
      onProgress: p => say(p.line),
    };
  }

  /** Waits until the instance's agent registers after `since`, reporting as it waits. */
  private async registeredAt(instanceId: string) {
    return (await this.deps.instances.get(instanceId))?.registeredAt;
  }

  /**
   * Waits for a registration other than `before` (the one stored when the
   * operation began): compared by value, not against a clock, so neither a
   * registration moments before the operation nor another replica's clock
   * can pass for the new agent's.
   */
  private async awaitRegistration(
    instanceId: string,
    before: string | undefined,
    say: (line: string) => void,
    signal?: AbortSignal,
  ) {
    say("waiting for the instance's agent to register");
    const deadline = Date.now() + this.deps.settings.registrationTimeoutMs;
    while (Date.now() < deadline) {
      if (signal?.aborted)
        throw new Error('the portal stopped while waiting for the agent');
      const instance = await this.deps.instances.get(instanceId);
      if (instance?.registeredAt && instance.registeredAt !== before) {
        say(`the agent registered: ${instance!.name} is ${instance!.status}`);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(
      `the instance's agent did not register within ${Math.round(
        this.deps.settings.registrationTimeoutMs / 1000,
      )} s`,
    );
  }

  /** Waits (a little) for the catalog to show the new instance, so the link the user gets opens it. */
  private async awaitEntity(
    entityRef: string,
    say: (line: string) => void,
    signal: AbortSignal,
  ) {
    const visible = this.deps.entityVisible;
    if (!visible || !this.deps.settings.catalogTimeoutMs) return;
    const deadline = Date.now() + this.deps.settings.catalogTimeoutMs;
    while (Date.now() < deadline && !signal.aborted) {
      if (await visible(entityRef).catch(() => false)) {
        say(`${entityRef} is in the catalog`);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    say(
      `${entityRef} is not in the catalog yet; it appears once the catalog has processed it`,
    );
  }

  private async cleanUpFailedDeploy(
    driver: SindriDriver,
    config: Record<string, unknown>,
    workDir: string,
    instanceId: string,
    say: (line: string) => void,
  ) {
    say('cleaning up what the failed deploy left');
    try {
      await driver.destroy(
        config,
        this.driverRun(workDir, line => say(`cleanup: ${line}`)),
      );
    } catch (error) {
      say(`cleanup: ${(error as Error).message}`);
    }
    await this.removeInstance(instanceId);
    await fs.rm(workDir, { recursive: true, force: true });
  }

  /** Removes an instance with its token and records; its agent is disconnected and its entity leaves the catalog. */
  private async removeInstance(instanceId: string, known?: FleetInstance) {
    const instance = (await this.deps.instances.get(instanceId)) ?? known;
    await this.deps.instances.remove(instanceId);
    this.deps.onRemoved?.(instanceId);
    if (instance?.registeredAt)
      await this.deps.changes.publish({ reason: 'removed', instance });
  }

  private async publish(instanceId: string, reason: 'status') {
    const instance = await this.deps.instances.get(instanceId);
    if (instance) await this.deps.changes.publish({ reason, instance });
  }

  private async recordEvent(instanceId: string, op: LifecycleOperation) {
    if (!(await this.deps.instances.get(instanceId))) return;
    await this.deps.samples.addEvent(instanceId, {
      id: crypto.randomUUID(),
      at: op.finishedAt ?? new Date().toISOString(),
      type: 'lifecycle',
      message: `${op.kind} ${op.state} (by ${op.actor})${
        op.message ? `: ${op.message}` : ''
      }`.slice(0, 1024),
      data: {
        operation: op.id,
        kind: op.kind,
        state: op.state,
        driver: op.driver,
      },
    });
  }
}

/** A stored sindri.yaml pointed at another provider and/or region, for a clone. */
export function retarget(
  document: Record<string, unknown>,
  provider?: string,
  region?: string,
): Record<string, unknown> {
  const deployment = {
    ...((document.deployment as Record<string, unknown>) ?? {}),
  };
  const from = String(deployment.provider ?? '');
  const to = provider ?? from;
  const providers = {
    ...((document.providers as Record<string, Record<string, unknown>>) ?? {}),
  };
  if (to !== from) {
    deployment.provider = to;
    delete providers[from];
  }
  if (region) {
    if (!(PROVIDERS_WITH_REGION as readonly string[]).includes(to)) {
      throw new InputError(
        `region: the ${to} provider takes no region (only ${PROVIDERS_WITH_REGION.join(
          ', ',
        )} do)`,
      );
    }
    providers[to] = { ...(providers[to] ?? {}), region };
  }
  const out: Record<string, unknown> = { ...document, deployment };
  if (Object.keys(providers).length) out.providers = providers;
  else delete out.providers;
  return out;
}
