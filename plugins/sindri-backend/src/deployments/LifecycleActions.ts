import fs from 'node:fs/promises';
import { InputError } from '@backstage/errors';
import {
  AGENT_ENV,
  FleetInstance,
  LifecycleRequest,
} from '@internal/plugin-sindri-common';
import { SindriDriver } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { DeploymentSteps } from './DeploymentSteps';
import { DeploymentStore } from './DeploymentStore';

/** What an action runs with: the instance, its driver and config, where and how it reports. */
export interface ActionContext {
  instance: FleetInstance;
  driver: SindriDriver;
  config: Record<string, unknown>;
  workDir: string;
  say: (line: string) => void;
  signal: AbortSignal;
  actor: string;
  /** secrets to mask in the operation's log from now on */
  redact: string[];
}

/**
 * What each lifecycle action does once its transition is won: suspend stops
 * the instance, resume starts it and waits for its agent, redeploy mints a
 * new token first, destroy removes the instance and its work dir.
 */
export class LifecycleActions {
  constructor(
    private readonly deps: {
      steps: DeploymentSteps;
      instances: InstanceStore;
      tokens: AgentTokenStore;
      store: DeploymentStore;
      /** an instance's token was rotated: end the connections that used the old one */
      onTokenRotated?: () => Promise<void>;
    },
  ) {}

  /** Runs one action on a deployed instance through its driver, and records the state it leaves. */
  async run(request: LifecycleRequest, c: ActionContext) {
    const { instance, driver, config, workDir, say, signal } = c;
    const run = (env?: Record<string, string>) =>
      this.deps.steps.driverRun(workDir, say, env, signal);
    switch (request.action) {
      case 'suspend':
        await driver.stop(config, run());
        await this.deps.store.setState(instance.id, 'suspended');
        if (await this.deps.instances.setStatus(instance.id, 'stopped'))
          await this.deps.steps.publish(instance.id, 'status');
        return;
      case 'resume':
        await this.untilAgentBack(instance, say, signal, async () =>
          driver.start(
            config,
            run(await this.deps.steps.agentEnv(instance.name)),
          ),
        );
        return;
      case 'redeploy':
        await this.redeploy(c);
        return;
      case 'destroy': {
        await driver.destroy(config, { ...run(), volumes: request.volumes });
        await this.deps.steps.removeInstance(instance.id, instance);
        await fs.rm(workDir, { recursive: true, force: true });
        say(`${instance.name} is destroyed and leaves the catalog`);
        return;
      }
      default:
        throw new InputError(`action: unknown lifecycle action`);
    }
  }

  /** Applies a new sindri.yaml (`c.config`): a redeploy with it. */
  async update(c: ActionContext) {
    c.say(`applying the new sindri.yaml to ${c.instance.name}`);
    await this.redeploy(c);
  }

  /** Redeploys with a fresh token: the old one is revoked, the new one only reaches the instance. */
  private async redeploy(c: ActionContext) {
    const { instance, driver, config, workDir, say, signal } = c;
    await this.untilAgentBack(instance, say, signal, async () => {
      const { token } = await this.deps.tokens.rotate(instance.id, c.actor);
      c.redact.push(token);
      await this.deps.onTokenRotated?.();
      await driver.redeploy(
        config,
        this.deps.steps.driverRun(
          workDir,
          say,
          {
            ...(await this.deps.steps.agentEnv(instance.name)),
            [AGENT_ENV.token]: token,
          },
          signal,
        ),
      );
    });
  }

  /** Runs `start`, then waits for a registration newer than the one stored before it: the instance runs again. */
  private async untilAgentBack(
    instance: FleetInstance,
    say: (line: string) => void,
    signal: AbortSignal,
    start: () => Promise<void>,
  ) {
    const before = await this.deps.steps.registeredAt(instance.id);
    await start();
    await this.deps.steps.awaitRegistration(instance.id, before, say, signal);
    await this.deps.store.setState(instance.id, 'running');
  }
}
