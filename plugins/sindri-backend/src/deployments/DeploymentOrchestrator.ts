import fs from 'node:fs/promises';
import yaml from 'yaml';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  AGENT_ENV,
  CreateDeploymentRequest,
  FleetInstance,
  instanceEntityRef,
  LIFECYCLE_TRANSITIONS,
  LifecycleOperation,
  LifecycleRequest,
  OperationKind,
  OperationStarted,
  withConsoleAgent,
} from '@internal/plugin-sindri-common';
import { SindriDriver } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { DeploymentSteps } from './DeploymentSteps';
import { DeploymentStore } from './DeploymentStore';
import { DocumentResolver } from './DocumentResolver';
import { LifecycleActions } from './LifecycleActions';
import { OperationRunner } from './OperationRunner';
import { DeployAccess } from './types';

/**
 * The lifecycle state machine: creates instances from sindri.yaml (validate,
 * enroll, deploy with the console-agent extension, wait for the agent to
 * register) and suspends, resumes, redeploys and destroys them through their
 * driver. Only one operation wins a transition; a failed deploy leaves no
 * instance behind.
 */
export class DeploymentOrchestrator {
  constructor(
    private readonly deps: {
      drivers: DriverRegistry;
      documents: DocumentResolver;
      steps: DeploymentSteps;
      runner: OperationRunner;
      instances: InstanceStore;
      tokens: AgentTokenStore;
      store: DeploymentStore;
      /** an instance's token was rotated: end the connections that used the old one */
      onTokenRotated?: () => Promise<void>;
    },
  ) {
    this.actions = new LifecycleActions(deps);
  }

  private readonly actions: LifecycleActions;

  /** Starts a deploy (or, with `dryRun`, a plan). Validation and enrollment happen before it answers. */
  async create(
    request: CreateDeploymentRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    const driver = this.deps.drivers.resolve(request.driver);
    await this.requireDriver(driver, access);
    const document = await this.deps.documents.resolve(request, access);
    const deployed = withConsoleAgent(document);

    if (request.dryRun) {
      const workDir = this.deps.steps.planDir();
      const operation = await this.deps.store.startOperation({
        instanceName: request.name,
        kind: 'plan',
        driver: driver.id,
        actor,
      });
      this.deps.runner.run(operation, async (say, signal) => {
        try {
          await driver.plan(
            deployed,
            this.deps.steps.driverRun(
              workDir,
              say,
              {
                ...(await this.deps.steps.agentEnv(request.name)),
                [AGENT_ENV.token]: 'minted-at-deploy',
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
    const workDir = this.deps.steps.workDir(request.name);
    this.deps.runner.run(
      operation,
      async (say, signal) => {
        await fs.rm(workDir, { recursive: true, force: true });
        try {
          say(`deploying ${request.name} with the ${driver.id} driver`);
          await driver.deploy(
            deployed,
            this.deps.steps.driverRun(
              workDir,
              say,
              {
                ...(await this.deps.steps.agentEnv(request.name)),
                [AGENT_ENV.token]: token,
              },
              signal,
            ),
          );
          // just enrolled: any registration is the new agent's
          await this.deps.steps.awaitRegistration(
            instanceId,
            undefined,
            say,
            signal,
          );
          await this.deps.steps.awaitEntity(
            instanceEntityRef(request.name),
            say,
            signal,
          );
        } catch (error) {
          await this.deps.steps.cleanUpFailedDeploy(
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
      {
        onEnd: op => this.deps.steps.recordEvent(instanceId, op),
        redact: [token],
      },
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
    const transition = LIFECYCLE_TRANSITIONS[request.action];
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
    const workDir = this.deps.steps.workDir(instance.name);
    this.deps.runner.run(
      operation,
      async (say, signal) => {
        try {
          await this.actions.run(request, {
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
            : this.deps.steps.recordEvent(instance.id, op),
        redact,
      },
    );
    return { operation, entityRef: instanceEntityRef(instance.name) };
  }

  private async requireDriver(driver: SindriDriver, access: DeployAccess) {
    if (!(await access.mayUseDriver(driver.id)))
      throw new NotAllowedError(
        `not permitted: sindri.driver.use on ${driver.id}`,
      );
  }
}
