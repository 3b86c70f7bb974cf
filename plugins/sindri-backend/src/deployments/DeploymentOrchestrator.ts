import fs from 'node:fs/promises';
import yaml from 'yaml';
import { InputError } from '@backstage/errors';
import {
  AGENT_ENV,
  CreateDeploymentRequest,
  FleetInstance,
  instanceEntityRef,
  LIFECYCLE_TRANSITIONS,
  LifecycleOperation,
  LifecycleRequest,
  OperationStarted,
  UPDATE_TRANSITION,
  withConsoleAgent,
} from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { DeploymentSteps } from './DeploymentSteps';
import { ConfigVersionStore } from '../configVersions/ConfigVersionStore';
import { DeploymentStore } from './DeploymentStore';
import { DocumentResolver } from './DocumentResolver';
import { LifecycleActions } from './LifecycleActions';
import { OperationRunner } from './OperationRunner';
import { OperationStarter } from './OperationStarter';
import { DeployAccess, SpendGate } from './types';

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
      versions: ConfigVersionStore;
      /** an instance's token was rotated: end the connections that used the old one */
      onTokenRotated?: () => Promise<void>;
      /** budgets: may refuse a create, clone or resume before anything runs */
      spendGate?: SpendGate;
    },
  ) {
    this.actions = new LifecycleActions(deps);
    this.starter = new OperationStarter(deps);
  }

  private readonly actions: LifecycleActions;
  private readonly starter: OperationStarter;

  /** Starts a deploy (or, with `dryRun`, a plan). Validation and enrollment happen before it answers. */
  async create(
    request: CreateDeploymentRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    const driver = this.deps.drivers.resolve(request.driver);
    await this.starter.requireDriver(driver, access);
    const document = await this.deps.documents.resolve(request, access);
    const deployed = withConsoleAgent(document);
    const budgetWarning = request.dryRun
      ? undefined
      : await this.deps.spendGate?.beforeCreate(
          request.owner,
          document,
          request.cloneFrom ? 'clone' : 'create',
        );

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
      await this.deps.versions.add(instanceId, {
        sindriYaml: yaml.stringify(document),
        createdBy: actor,
      });
      operation = await this.deps.store.startOperation({
        instanceId,
        instanceName: request.name,
        kind: 'deploy',
        driver: driver.id,
        actor,
      });
      await this.deps.versions.linkOperation(instanceId, 1, operation.id);
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
          if (budgetWarning) say(budgetWarning);
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
    return {
      operation,
      entityRef: instanceEntityRef(request.name),
      ...(budgetWarning ? { budgetWarning } : {}),
    };
  }

  /** Starts suspend, resume, redeploy or destroy of an instance the portal deployed. */
  async lifecycle(
    instance: FleetInstance,
    request: LifecycleRequest,
    actor: string,
    access: DeployAccess,
  ): Promise<OperationStarted> {
    const deployment = await this.starter.requireDeployment(instance);
    if (request.action === 'destroy' && request.confirm !== instance.name) {
      throw new InputError(
        `confirm: type the instance's name ("${instance.name}") to destroy it`,
      );
    }
    const driver = this.starter.requireDriverOf(instance, deployment.driver);
    await this.starter.requireDriver(driver, access);
    const budgetWarning =
      request.action === 'resume'
        ? await this.deps.spendGate?.beforeResume(
            instance.owner,
            deployment.sindriYaml,
            instance.name,
          )
        : undefined;
    const transition = LIFECYCLE_TRANSITIONS[request.action];
    await this.starter.win(
      instance,
      deployment.state,
      request.action,
      transition,
    );
    const started = await this.starter.start({
      instance,
      deployment,
      during: transition.during,
      driver,
      kind: request.action,
      actor,
      config: current => withConsoleAgent(yaml.parse(current.sindriYaml)),
      work: c => this.actions.run(request, c),
      recordEnd: op =>
        !(request.action === 'destroy' && op.state === 'succeeded'),
    });
    return budgetWarning ? { ...started, budgetWarning } : started;
  }

  /**
   * Applies a new sindri.yaml to a deployed instance as an `update`: the
   * transition of a redeploy is won first, then `store` keeps the version
   * (and may refuse, e.g. when another was stored meanwhile), then the driver
   * redeploys with it.
   */
  async update(
    instance: FleetInstance,
    sindriYaml: string,
    actor: string,
    access: DeployAccess,
    store: (operationId: string) => Promise<void>,
  ): Promise<OperationStarted> {
    const deployment = await this.starter.requireDeployment(instance);
    const driver = this.starter.requireDriverOf(instance, deployment.driver);
    await this.starter.requireDriver(driver, access);
    await this.starter.win(
      instance,
      deployment.state,
      'update',
      UPDATE_TRANSITION,
    );
    return this.starter.start({
      instance,
      deployment,
      during: UPDATE_TRANSITION.during,
      driver,
      kind: 'update',
      actor,
      config: () => withConsoleAgent(yaml.parse(sindriYaml)),
      // stores the version and declares it as the deployment's file, or refuses (nothing stored)
      beforeRun: store,
      work: c => this.actions.update(c),
      recordEnd: () => true,
    });
  }
}
