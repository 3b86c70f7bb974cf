import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  AGENT_ENV,
  LifecycleOperation,
  pollUntil,
} from '@internal/plugin-sindri-common';
import {
  DriverRun,
  loadSindriConfigValidator,
  SindriDriver,
  SindriDriverError,
} from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { migrateUp } from '../database/migrations';
import { EventService } from '../events/EventService';
import { EventStore } from '../events/EventStore';
import { DriverRegistry } from '../drivers/DriverRegistry';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { AgentTokenStore } from '../tokens/AgentTokenStore';
import { DeploymentOrchestrator } from './DeploymentOrchestrator';
import { DeploymentSteps } from './DeploymentSteps';
import { ConfigVersionStore } from '../configVersions/ConfigVersionStore';
import { DeploymentStore } from './DeploymentStore';
import { DocumentResolver } from './DocumentResolver';
import { OperationRunner } from './OperationRunner';

jest.setTimeout(60_000);

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');
const allowAll = {
  mayUseDriver: async () => true,
  allowedFields: async (ids: any[]) => new Set(ids),
};
const config = (name: string) => ({
  version: '3.0',
  name,
  deployment: { provider: 'docker' },
  extensions: { profile: 'minimal' },
});

/**
 * A driver that deploys nothing: what it is asked is recorded, and an
 * instance it "starts" registers at once, as its agent would, with the token
 * the orchestrator gave it.
 */
class FakeDriver implements SindriDriver {
  readonly id = 'fake';
  readonly title = 'Fake';
  readonly providers = ['docker'];
  readonly calls: Array<{ op: string; env?: Record<string, string> }> = [];
  failDeploy = false;

  constructor(
    private readonly tokens: AgentTokenStore,
    private readonly instances: InstanceStore,
  ) {}

  /** What the instance's agent does once it runs: register, with the token the driver was given. */
  private async agentRegisters(run: DriverRun) {
    const agent = await this.tokens.authenticate(run.env?.[AGENT_ENV.token]);
    if (!agent) throw new SindriDriverError('the agent token is not valid');
    await this.register(agent.instanceId, agent.name);
  }

  private register(instanceId: string, name: string) {
    return this.instances.register(instanceId, {
      instanceId: `i-${name}`,
      name,
      provider: 'docker',
      hostname: name,
      os: { platform: 'linux', release: '6', arch: 'x64' },
      agentVersion: '0.1.0',
      bootTime: new Date().toISOString(),
      heartbeatIntervalSeconds: 10,
      extensions: [],
    });
  }

  async plan(_c: Record<string, unknown>, run: DriverRun) {
    this.calls.push({ op: 'plan', env: run.env });
  }
  async deploy(c: Record<string, unknown>, run: DriverRun) {
    this.calls.push({ op: 'deploy', env: run.env });
    if (this.failDeploy) throw new SindriDriverError('the provider said no');
    if (!(c.extensions as any).additional?.includes('console-agent'))
      throw new SindriDriverError('deployed without the console-agent');
    await this.agentRegisters(run);
  }
  async status() {
    return { state: 'running' as const };
  }
  async stop(_c: Record<string, unknown>, run: DriverRun) {
    this.calls.push({ op: 'stop', env: run.env });
  }
  async start(_c: Record<string, unknown>, run: DriverRun) {
    this.calls.push({ op: 'start', env: run.env });
    // the agent keeps its token across a suspend: the instance's current one
    const [enrollment] = (await this.tokens.listEnrollments()).filter(
      e => e.name === run.env?.[AGENT_ENV.instanceName],
    );
    await this.register(enrollment.instanceId, enrollment.name);
  }
  async redeploy(_c: Record<string, unknown>, run: DriverRun) {
    this.calls.push({ op: 'redeploy', env: run.env });
    await this.agentRegisters(run);
  }
  async destroy(_c: Record<string, unknown>, run: DriverRun) {
    this.calls.push({ op: 'destroy', env: run.env });
  }
}

describe('DeploymentOrchestrator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: any) {
    const knex = await databases.init(databaseId);
    await migrateUp(knex);
    const instances = new InstanceStore(knex);
    const tokens = new AgentTokenStore(knex);
    const store = new DeploymentStore(knex);
    const driver = new FakeDriver(tokens, instances);
    const drivers = new DriverRegistry([driver]);
    const published: string[] = [];
    const steps = new DeploymentSteps({
      instances,
      events: new EventService(
        new EventStore(knex),
        mockServices.logger.mock(),
      ),
      changes: new InstanceChanges({
        publish: async (e: any) => {
          published.push(e.eventPayload.reason);
        },
      } as any),
      settings: {
        workDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-orch-')),
        consoleUrl: async () => 'http://portal.test:7007',
        operationTimeoutMs: 10_000,
        registrationTimeoutMs: 5_000,
        catalogTimeoutMs: 0,
      },
    });
    const runner = new OperationRunner(store, mockServices.logger.mock());
    const orchestrator = new DeploymentOrchestrator({
      drivers,
      documents: new DocumentResolver({
        validator: loadSindriConfigValidator(registryDir),
        instances,
        store,
      }),
      steps,
      runner,
      instances,
      tokens,
      store,
      versions: new ConfigVersionStore(knex),
    });
    const ended = (op: LifecycleOperation) =>
      pollUntil(async () => {
        const now = await store.getOperation(op.id);
        return now?.state !== 'running' ? now : undefined;
      }, `operation ${op.kind} to end`);
    return { orchestrator, driver, instances, store, tokens, ended, published };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('creates an instance, runs it through suspend, resume, redeploy and destroy, and refuses what its state does not allow', async () => {
      const { orchestrator, driver, instances, store, tokens, ended } =
        await setUp(databaseId);
      const created = await orchestrator.create(
        {
          name: 'orch-1',
          owner: 'group:default/platform',
          driver: 'fake',
          config: config('orch-1'),
        } as any,
        'user:default/ops',
        allowAll,
      );
      expect(created.entityRef).toBe('resource:default/orch-1');
      expect(await ended(created.operation)).toMatchObject({
        state: 'succeeded',
      });
      const instance = (await instances.getByName('orch-1'))!;
      expect((await store.get(instance.id))?.state).toBe('running');
      const deployEnv = driver.calls.find(c => c.op === 'deploy')!.env!;
      expect(deployEnv[AGENT_ENV.consoleUrl]).toBe('http://portal.test:7007');
      expect(deployEnv[AGENT_ENV.instanceName]).toBe('orch-1');

      // resume needs a suspended instance
      await expect(
        orchestrator.lifecycle(
          instance,
          { action: 'resume' },
          'user:default/ops',
          allowAll,
        ),
      ).rejects.toThrow(/orch-1 is running: it cannot resume now/);

      for (const action of ['suspend', 'resume', 'redeploy'] as const) {
        const started = await orchestrator.lifecycle(
          instance,
          { action } as any,
          'user:default/ops',
          allowAll,
        );
        expect([action, (await ended(started.operation)).state]).toEqual([
          action,
          'succeeded',
        ]);
      }
      expect((await store.get(instance.id))?.state).toBe('running');
      // redeploy minted a new token: the deploy's token is revoked
      expect(
        await tokens.authenticate(deployEnv[AGENT_ENV.token]),
      ).toBeUndefined();

      const destroyed = await orchestrator.lifecycle(
        instance,
        { action: 'destroy', confirm: 'orch-1' } as any,
        'user:default/ops',
        allowAll,
      );
      expect((await ended(destroyed.operation)).state).toBe('succeeded');
      expect(await instances.getByName('orch-1')).toBeUndefined();
      expect(driver.calls.map(c => c.op)).toEqual([
        'deploy',
        'stop',
        'start',
        'redeploy',
        'destroy',
      ]);
    });

    it('leaves no instance behind when the deploy fails, and cleans up after it', async () => {
      const { orchestrator, driver, instances, ended } = await setUp(
        databaseId,
      );
      driver.failDeploy = true;
      const created = await orchestrator.create(
        {
          name: 'orch-2',
          owner: 'group:default/platform',
          driver: 'fake',
          config: config('orch-2'),
        } as any,
        'user:default/ops',
        allowAll,
      );
      const done = await ended(created.operation);
      expect(done.state).toBe('failed');
      expect(done.message).toMatch(/the provider said no/);
      expect(await instances.getByName('orch-2')).toBeUndefined();
      expect(driver.calls.map(c => c.op)).toEqual(['deploy', 'destroy']);
    });

    it('refuses a driver the caller may not use before anything is enrolled', async () => {
      const { orchestrator, instances } = await setUp(databaseId);
      await expect(
        orchestrator.create(
          {
            name: 'orch-3',
            owner: 'group:default/platform',
            driver: 'fake',
            config: config('orch-3'),
          } as any,
          'user:default/dev',
          { ...allowAll, mayUseDriver: async () => false },
        ),
      ).rejects.toThrow('not permitted: sindri.driver.use on fake');
      expect(await instances.getByName('orch-3')).toBeUndefined();
    });
  });
});
