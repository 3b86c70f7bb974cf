import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  AGENT_ENV,
  FleetInstance,
  LifecycleOperation,
} from '@internal/plugin-sindri-common';
import { DriverRun, SindriDriver } from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { EventService } from '../events/EventService';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { DeploymentSettings } from './types';

/**
 * What every lifecycle operation does around its driver: where it works,
 * what the agent is told, waiting for the agent and the catalog, cleaning up
 * after a failed deploy, removing an instance and recording the outcome.
 */
export class DeploymentSteps {
  constructor(
    private readonly deps: {
      instances: InstanceStore;
      events: EventService;
      changes: InstanceChanges;
      settings: DeploymentSettings;
      /** an instance was removed: e.g. close its agent's connection */
      onRemoved?: (instanceId: string) => void;
      /** whether the catalog shows this entity yet: a deploy ends once its instance can be opened */
      entityVisible?: (entityRef: string) => Promise<boolean>;
    },
  ) {}

  /** A throwaway directory for a plan (a dry run). */
  planDir() {
    return path.join(this.deps.settings.workDir, '.plans', crypto.randomUUID());
  }

  workDir(name: string) {
    return path.join(this.deps.settings.workDir, name);
  }

  async agentEnv(name: string): Promise<Record<string, string>> {
    return {
      [AGENT_ENV.consoleUrl]: await this.deps.settings.consoleUrl(),
      [AGENT_ENV.instanceName]: name,
    };
  }

  driverRun(
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

  /** When the instance's agent last registered: an operation waits for another one. */
  async registeredAt(instanceId: string) {
    return (await this.deps.instances.get(instanceId))?.registeredAt;
  }

  /**
   * Waits for a registration other than `before` (the one stored when the
   * operation began): compared by value, not against a clock, so neither a
   * registration moments before the operation nor another replica's clock
   * can pass for the new agent's.
   */
  async awaitRegistration(
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
  async awaitEntity(
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

  async cleanUpFailedDeploy(
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
  async removeInstance(instanceId: string, known?: FleetInstance) {
    const instance = (await this.deps.instances.get(instanceId)) ?? known;
    await this.deps.instances.remove(instanceId);
    this.deps.onRemoved?.(instanceId);
    if (instance?.registeredAt)
      await this.deps.changes.publish({ reason: 'removed', instance });
  }

  async publish(instanceId: string, reason: 'status') {
    const instance = await this.deps.instances.get(instanceId);
    if (instance) await this.deps.changes.publish({ reason, instance });
  }

  /** The operation's outcome on the timeline (it outlives the instance a destroy removed). */
  async recordEvent(instanceId: string, op: LifecycleOperation) {
    await this.deps.events.record({
      type: 'lifecycle',
      instance: { id: instanceId, name: op.instanceName },
      severity: op.state === 'failed' ? 'error' : 'info',
      message: `${op.kind} ${op.state} (by ${op.actor})${
        op.message ? `: ${op.message}` : ''
      }`,
      data: { kind: op.kind, state: op.state, driver: op.driver },
      subject: { kind: 'operation', id: op.id },
    });
  }
}
