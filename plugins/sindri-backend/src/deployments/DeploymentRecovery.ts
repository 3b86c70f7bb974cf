import yaml from 'yaml';
import { LoggerService } from '@backstage/backend-plugin-api';
import { withConsoleAgent } from '@internal/plugin-sindri-common';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { DeploymentSteps } from './DeploymentSteps';
import { DeploymentStore } from './DeploymentStore';
import { DeploymentSettings } from './types';

/**
 * What a stopped replica leaves behind: operations that can no
 * longer finish, deploys to undo, local instances to start again, and
 * operations past their deadline.
 */
export class DeploymentRecovery {
  constructor(
    private readonly deps: {
      drivers: DriverRegistry;
      steps: DeploymentSteps;
      store: DeploymentStore;
      logger: LoggerService;
      settings: DeploymentSettings;
    },
  ) {}

  /**
   * Operations of replicas that are gone (`gone`, or any no longer leased)
   * can no longer finish: they are marked cancelled, and a deployment they
   * left mid-change is failed (one left between its transition and its
   * operation is the overdue settle task's). Never touches a live
   * replica's work. Returns the instances whose deploy was among them, to undo.
   */
  async abandonOrphaned(gone: string[]): Promise<string[]> {
    const abandoned = await this.deps.store.abandonOrphaned(
      gone,
      'the portal replica running it stopped before the operation finished',
    );
    if (abandoned.length)
      this.deps.logger.warn(
        `${abandoned.length} lifecycle operations of a stopped replica were marked cancelled`,
      );
    const deploys = new Set(
      abandoned
        .filter(op => op.kind === 'deploy' && op.instanceId)
        .map(op => op.instanceId!),
    );
    // only the instances whose operation was abandoned: a live replica may be between its transition and its operation's row
    const changing = new Set(
      abandoned.filter(op => op.kind !== 'deploy').map(op => op.instanceId),
    );
    for (const d of await this.deps.store.listByState([
      'suspending',
      'resuming',
      'redeploying',
      'destroying',
    ])) {
      if (
        changing.has(d.instanceId) &&
        !(await this.deps.store.hasRunningOperation(d.instanceId))
      )
        await this.deps.store.setState(d.instanceId, 'failed');
    }
    return [...deploys];
  }

  /**
   * Once this replica listens: deploys a stopped replica left unfinished are
   * undone (as a failed deploy is), in the background; running instances of
   * drivers that live in a portal process (local) whose replica is gone are
   * taken over and started again here.
   */
  async recover(unfinishedDeploys: string[], gone: string[]): Promise<void> {
    for (const instanceId of unfinishedDeploys) {
      void this.undoDeploy(instanceId).catch(error =>
        this.deps.logger.error(
          `Could not undo the unfinished deploy of instance ${instanceId}: ${error}`,
        ),
      );
    }
    const hosted = this.deps.drivers
      .all()
      .filter(driver => driver.restartsWithPortal)
      .map(driver => driver.id);
    if (!hosted.length) return;
    for (const d of await this.deps.store.listByState(['running'], hosted)) {
      const driver = this.deps.drivers.get(d.driver);
      if (!driver) continue;
      if (!(await this.deps.store.claimHost(d.instanceId, gone))) continue;
      try {
        await driver.start(
          yaml.parse(d.sindriYaml),
          this.deps.steps.driverRun(
            this.deps.steps.workDir(d.instanceName),
            () => {},
            await this.deps.steps.agentEnv(d.instanceName),
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
      await this.deps.steps.cleanUpFailedDeploy(
        driver,
        withConsoleAgent(yaml.parse(d.sindriYaml)),
        this.deps.steps.workDir(d.instanceName),
        instanceId,
        say,
      );
    else await this.deps.steps.removeInstance(instanceId);
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
}
