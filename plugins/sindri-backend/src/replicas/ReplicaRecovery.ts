import { LoggerService } from '@backstage/backend-plugin-api';
import { CommandStore } from '../commands/CommandStore';
import { DeploymentRecovery } from '../deployments/DeploymentRecovery';
import { ReplicaLease } from './ReplicaLease';
import { ReplicaStore } from './ReplicaStore';

/** How long past its timeout a running command of a stopped replica waits for its agent's report. */
const COMMAND_REPORT_GRACE_MS = 60_000;

/**
 * Settles the work of replicas that are gone — never a live replica's: their
 * lifecycle operations are cancelled (and unfinished deploys undone), their
 * commands' queued results cancelled while running ones wait for the agent's
 * report, and local instances they hosted started again here.
 */
export class ReplicaRecovery {
  constructor(
    private readonly deps: {
      lease: ReplicaLease;
      replicas: ReplicaStore;
      deployments: DeploymentRecovery;
      commands: CommandStore;
      logger: LoggerService;
    },
  ) {}

  /** Before the routes serve: what replicas that are gone left. Returns the deploys to undo once listening. */
  async settleAtStart(): Promise<{ gone: string[]; deploys: string[] }> {
    const gone = await this.deps.lease.goneAtStart();
    return { gone, deploys: await this.settle(gone) };
  }

  /** Periodically, once across replicas: replicas whose lease ran out since. */
  async reap(): Promise<string[]> {
    const gone = await this.deps.lease.gone();
    const deploys = await this.settle(gone);
    if (gone.length || deploys.length) {
      await this.deps.deployments.recover(deploys, gone);
      await this.deps.replicas.remove(gone);
    }
    return gone;
  }

  private async settle(gone: string[]): Promise<string[]> {
    if (gone.length)
      this.deps.logger.warn(
        `Settling the unfinished work of ${
          gone.length
        } stopped replica(s): ${gone.join(', ')}`,
      );
    const deploys = await this.deps.deployments.abandonOrphaned(gone);
    const commands = await this.deps.commands.settleOrphaned(gone, {
      now: new Date(),
      graceMs: COMMAND_REPORT_GRACE_MS,
    });
    if (commands.cancelled || commands.failed)
      this.deps.logger.warn(
        `Commands of stopped replicas: ${commands.cancelled} queued results cancelled, ${commands.failed} running ones failed past their timeout`,
      );
    return deploys;
  }
}
