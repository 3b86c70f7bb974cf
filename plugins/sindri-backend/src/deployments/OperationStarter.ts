import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  DeploymentState,
  FleetInstance,
  instanceEntityRef,
  LifecycleOperation,
  OperationKind,
  OperationStarted,
} from '@internal/plugin-sindri-common';
import { SindriDriver } from '@internal/plugin-sindri-node';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { DeploymentSteps } from './DeploymentSteps';
import { DeploymentStore, StoredDeployment } from './DeploymentStore';
import { ActionContext } from './LifecycleActions';
import { OperationRunner } from './OperationRunner';
import { DeployAccess } from './types';

/**
 * Starts operations on a deployed instance: checks that the portal deployed
 * it with a driver the caller may use, wins the state transition (only one
 * operation at a time), records the operation and runs it, leaving the state
 * as it was when anything fails before the driver runs.
 */
export class OperationStarter {
  constructor(
    private readonly deps: {
      drivers: DriverRegistry;
      steps: DeploymentSteps;
      runner: OperationRunner;
      store: DeploymentStore;
    },
  ) {}

  /** The deployment of an instance the portal deployed; 409 for one enrolled by hand. */
  async requireDeployment(instance: FleetInstance) {
    const deployment = await this.deps.store.get(instance.id);
    if (!deployment) {
      throw new ConflictError(
        `${instance.name} was not deployed by the portal (it was enrolled by hand): run its lifecycle where it was deployed`,
      );
    }
    return deployment;
  }

  requireDriverOf(instance: FleetInstance, driverId: string) {
    const driver = this.deps.drivers.get(driverId);
    if (!driver)
      throw new ConflictError(
        `${instance.name} was deployed with the ${driverId} driver, which this portal does not have`,
      );
    return driver;
  }

  /** Moves the deployment into the transition's state; only one operation wins it. */
  async win(
    instance: FleetInstance,
    state: DeploymentState,
    action: string,
    transition: { from: readonly DeploymentState[]; during: DeploymentState },
  ) {
    if (!transition.from.includes(state)) {
      throw new ConflictError(
        `${instance.name} is ${state}: it cannot ${action} now`,
      );
    }
    // only from the state that was read: one operation wins, and knows which state to put back
    if (
      !(await this.deps.store.transition(
        instance.id,
        [state],
        transition.during,
      ))
    ) {
      const now = (await this.deps.store.get(instance.id))?.state;
      throw new ConflictError(
        `${instance.name} became ${
          now ?? 'absent'
        } meanwhile: it cannot ${action} now`,
      );
    }
  }

  /**
   * Starts the operation on a deployment whose transition `win` won from
   * `deployment.state` into `during`; any failure before it runs puts that
   * state back (only while it is still ours).
   */
  async start(o: {
    instance: FleetInstance;
    deployment: StoredDeployment;
    during: DeploymentState;
    driver: SindriDriver;
    kind: OperationKind;
    actor: string;
    /** the config to run with, from the deployment as it is now that the transition is ours */
    config: (current: StoredDeployment) => Record<string, unknown>;
    beforeRun?: (operationId: string) => Promise<void>;
    work: (c: ActionContext) => Promise<void>;
    recordEnd: (op: LifecycleOperation) => boolean;
  }): Promise<OperationStarted> {
    const { instance, deployment, driver, actor } = o;
    let operation: LifecycleOperation;
    let config: Record<string, unknown>;
    try {
      config = o.config((await this.deps.store.get(instance.id)) ?? deployment);
      operation = await this.deps.store.startOperation({
        instanceId: instance.id,
        instanceName: instance.name,
        kind: o.kind,
        driver: driver.id,
        actor,
      });
      await o.beforeRun?.(operation.id);
    } catch (error) {
      await this.deps.store.transition(
        instance.id,
        [o.during],
        deployment.state,
      );
      if (operation!)
        await this.deps.store.finishOperation(operation.id, {
          state: 'cancelled',
          message: String((error as Error).message ?? error),
          log: [],
        });
      throw error;
    }
    // filled once a redeploy has minted the instance's new token, masked from then on
    const redact: string[] = [];
    const workDir = this.deps.steps.workDir(instance.name);
    this.deps.runner.run(
      operation,
      async (say, signal) => {
        try {
          await o.work({
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
          o.recordEnd(op)
            ? this.deps.steps.recordEvent(instance.id, op)
            : undefined,
        redact,
      },
    );
    return { operation, entityRef: instanceEntityRef(instance.name) };
  }

  async requireDriver(driver: SindriDriver, access: DeployAccess) {
    if (!(await access.mayUseDriver(driver.id)))
      throw new NotAllowedError(
        `not permitted: sindri.driver.use on ${driver.id}`,
      );
  }
}
