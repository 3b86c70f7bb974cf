import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import request from 'supertest';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { SindriDeploymentsClient } from '@internal/plugin-sindri-node';
import {
  createCloneAction,
  createDeployAction,
  createDestroyAction,
} from '@internal/plugin-scaffolder-backend-module-sindri';

jest.setTimeout(120_000);

const repo = path.resolve(__dirname, '../../..');
const minimal = (name: string) =>
  `version: "3.0"\nname: ${name}\ndeployment:\n  provider: docker\nextensions:\n  profile: minimal\n`;

/** A task step's context: the task runner's checkpoint store, a log we can read, the initiator's credentials. */
function context(
  input: Record<string, unknown>,
  checkpoints = new Map<string, unknown>(),
  isDryRun = false,
) {
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({
    input: input as any,
    logger: logger as any,
  });
  return Object.assign(ctx, {
    isDryRun,
    checkpoint: async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<unknown>;
    }) => {
      if (!checkpoints.has(key)) checkpoints.set(key, await fn());
      return checkpoints.get(key);
    },
    lines: () => (logger.info as jest.Mock).mock.calls.map(c => String(c[0])),
  });
}

describe('the sindri:deploy, sindri:clone and sindri:destroy actions against the Sindri backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let workDir: string;
  let deployments: SindriDeploymentsClient;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-actions-'));
    backend = await startTestBackend({
      features: [
        sindriPlugin,
        mockServices.rootConfig.factory({
          data: {
            sindri: {
              registry: { path: path.join(repo, 'registry/sindri-v3') },
              deployments: {
                workDir,
                registrationTimeout: { seconds: 60 },
                catalogTimeout: { seconds: 0 },
              },
              drivers: {
                local: {
                  enabled: true,
                  allowNonLoopback: true,
                  agentCommand: [
                    process.execPath,
                    path.join(repo, 'agent/bin/sindri-agent'),
                  ],
                },
              },
            },
          },
        }),
      ],
    });
    const port = (backend.server.address() as net.AddressInfo).port;
    const baseUrl = `http://127.0.0.1:${port}/api/sindri`;
    deployments = new SindriDeploymentsClient({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
    });
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const instance = (name: string) =>
    request(backend.server)
      .get(`/api/sindri/instances/${name}`)
      .set('Authorization', mockCredentials.user.header());

  it('plans in a dry run, deploys once across a retry, clones and destroys', async () => {
    const deploy = createDeployAction({ deployments });

    const plan = context(
      {
        name: 'dev-a',
        owner: 'group:default/platform',
        config: minimal('dev-a'),
      },
      undefined,
      true,
    );
    await deploy.handler(plan as any);
    expect(plan.output).toHaveBeenCalledWith('planned', true);
    expect(plan.output).toHaveBeenCalledWith('planState', 'succeeded');
    expect(plan.lines()).toContainEqual(
      expect.stringMatching(
        /^would start .*sindri-agent as instance dev-a \(provider local\)$/,
      ),
    );
    expect((await instance('dev-a')).status).toBe(404);

    const checkpoints = new Map<string, unknown>();
    const first = context(
      {
        name: 'dev-a',
        owner: 'group:default/platform',
        config: minimal('dev-a'),
      },
      checkpoints,
    );
    await deploy.handler(first as any);
    expect(first.output).toHaveBeenCalledWith(
      'entityRef',
      'resource:default/dev-a',
    );
    expect(first.lines()).toContain('the agent registered: dev-a is running');
    expect((await instance('dev-a')).body).toMatchObject({
      status: 'running',
      provider: 'local',
    });

    // a retried task does not deploy again: it follows the same operation
    const retry = context(
      {
        name: 'dev-a',
        owner: 'group:default/platform',
        config: minimal('dev-a'),
      },
      checkpoints,
    );
    await deploy.handler(retry as any);
    expect(retry.output).toHaveBeenCalledWith(
      'operationId',
      (first.output as jest.Mock).mock.calls.find(
        c => c[0] === 'operationId',
      )![1],
    );

    const clone = context({ source: 'dev-a', name: 'dev-b' });
    await createCloneAction({ deployments }).handler(clone as any);
    expect((await instance('dev-b')).body).toMatchObject({
      status: 'running',
      owner: 'group:default/platform',
    });

    const destroy = createDestroyAction({ deployments });
    await expect(
      destroy.handler(context({ name: 'dev-b', confirm: 'dev-a' }) as any),
    ).rejects.toThrow('confirm: must repeat the instance\'s name ("dev-b")');
    for (const name of ['dev-a', 'dev-b']) {
      const step = context({ name, confirm: name });
      await destroy.handler(step as any);
      expect(step.lines()).toContain(
        `${name} is destroyed and leaves the catalog`,
      );
      expect((await instance(name)).status).toBe(404);
    }
  });

  it("fails the step with the validator's errors, and creates nothing", async () => {
    const step = context({
      name: 'dev-c',
      owner: 'group:default/platform',
      config: 'version: "3.0"\nname: dev-c\ndeployment:\n  provider: moon\n',
    });
    await expect(
      createDeployAction({ deployments }).handler(step as any),
    ).rejects.toThrow(
      /sindriYaml: the sindri.yaml is invalid: \(root\): "extensions" is a required property; \/deployment\/provider: "moon" is not one of/,
    );
    expect((await instance('dev-c')).status).toBe(404);
  });
});
