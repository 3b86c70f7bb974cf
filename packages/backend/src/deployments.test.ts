import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import yaml from 'yaml';
import sindriPlugin from '@internal/plugin-sindri-backend';
import {
  OperationStreamEvent,
  pollUntil,
} from '@internal/plugin-sindri-common';
import { openTerminal } from './__testUtils__/live';

jest.setTimeout(180_000);

const repo = path.resolve(__dirname, '../../..');
const registryDir = path.join(repo, 'registry/sindri-v3');
const agentBin = path.join(repo, 'agent/bin/sindri-agent');
const admin = mockCredentials.user.header('user:default/ops');

const localConfig = (name: string) => ({
  version: '3.0',
  name,
  deployment: { provider: 'docker' },
  extensions: { profile: 'minimal' },
});

/** Follows an operation's NDJSON stream to its end; returns every event. */
async function follow(
  server: any,
  id: string,
): Promise<OperationStreamEvent[]> {
  const response = await request(server)
    .get(`/api/sindri/operations/${id}/stream`)
    .set('Authorization', admin)
    .buffer(true)
    .parse((res, callback) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => callback(null, text));
    });
  expect(response.status).toBe(200);
  return (response.body as string)
    .trim()
    .split('\n')
    .map(line => JSON.parse(line));
}

/**
 * Pids of the local driver's agent processes for this work dir (read from /proc), not the
 * short-lived commands they run: a child the agent is starting (a metrics probe, a shell)
 * shows the agent's command line until it execs, so one whose parent is in the set is not
 * counted.
 */
function agentPids(workDir: string): number[] {
  const pids = fs
    .readdirSync('/proc')
    .filter(p => /^\d+$/.test(p))
    .filter(pid => {
      try {
        return (
          fs
            .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
            .includes('sindri-agent') &&
          fs
            .readFileSync(`/proc/${pid}/environ`, 'utf8')
            .split('\0')
            .includes(`SINDRI_WORKSPACE=${workDir}/workspace`)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
  const parentOf = (pid: number) => {
    try {
      return Number(
        /PPid:\s+(\d+)/.exec(
          fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
        )?.[1],
      );
    } catch {
      return undefined;
    }
  };
  return pids.filter(pid => !pids.includes(parentOf(pid) ?? -1));
}

/** Whether a process still runs (a zombie does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A backend with the local driver, its instances under `workDir`. */
const startLocalBackend = (knex: Knex, workDir: string) =>
  startTestBackend({
    features: [
      sindriPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          sindri: {
            registry: { path: registryDir },
            deployments: {
              workDir,
              registrationTimeout: { seconds: 60 },
              catalogTimeout: { seconds: 0 },
            },
            drivers: {
              local: {
                enabled: true,
                allowNonLoopback: true,
                agentCommand: [process.execPath, agentBin],
              },
            },
          },
        },
      }),
    ],
  });

const done = (events: OperationStreamEvent[]) =>
  events.find(e => e.type === 'done') as Extract<
    OperationStreamEvent,
    { type: 'done' }
  >;

describe('instances created and run through the local driver', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'create → terminal → suspend → resume → redeploy → destroy, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const workDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'sindri-deployments-'),
      );
      const backend = await startLocalBackend(knex, workDir);
      const server = backend.server;
      const port = (server.address() as net.AddressInfo).port;
      const api = (method: 'get' | 'post', url: string) =>
        request(server)
          [method](`/api/sindri${url}`)
          .set('Authorization', admin);
      try {
        // an invalid sindri.yaml is refused before anything runs, naming the path
        const invalid = await api('post', '/deployments').send({
          name: 'dev-local',
          owner: 'group:default/platform',
          config: {
            ...localConfig('dev-local'),
            deployment: { provider: 'moon' },
          },
        });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toContain(
          'config: the sindri.yaml is invalid: /deployment/provider:',
        );
        expect((await api('get', '/enrollments')).body.items).toEqual([]);

        // nothing that makes the portal read its own files or Vault
        const stealing = await api('post', '/deployments').send({
          name: 'dev-local',
          owner: 'group:default/platform',
          config: {
            ...localConfig('dev-local'),
            secrets: [
              { name: 'KEY', source: 'env', fromFile: '~/.ssh/id_rsa' },
              {
                name: 'V',
                source: 'vault',
                vaultPath: 'secret/x',
                vaultKey: 'k',
              },
            ],
          },
        });
        expect(stealing.status).toBe(400);
        expect(stealing.body.error.message).toBe(
          "config: the portal does not deploy this sindri.yaml: /secrets/0/fromFile: reads a file on the host that deploys it, here the portal's; /secrets/1/source: \"vault\" is resolved with the deploying host's Vault credentials, here the portal's",
        );
        const checked = await api('post', '/config/validate').send({
          sindriYaml:
            'version: "3.0"\nname: x\ndeployment:\n  provider: docker\nextensions:\n  profile: minimal\nsecrets:\n  - name: K\n    source: file\n    path: /etc/shadow\n    mountPath: /x\n',
        });
        expect(checked.body).toEqual({
          valid: false,
          issues: [
            {
              pointer: '/secrets/0/source',
              message:
                '"file" reads a file on the host that deploys it, here the portal\'s',
            },
          ],
        });
        const huge = await api('post', '/deployments').send({
          name: 'dev-local',
          owner: 'group:default/platform',
          sindriYaml: `# ${'é'.repeat(40_000)}\n`,
        });
        expect(huge.status).toBe(413);
        expect(huge.body.error.message).toBe(
          'sindriYaml: larger than the 65536 byte limit',
        );
        expect((await api('get', '/enrollments')).body.items).toEqual([]);

        // the form's options name the local driver and the registry's profiles
        const options = await api('get', '/deployments/options');
        expect(options.body.drivers.map((d: any) => d.id)).toEqual(['local']);
        expect(options.body.profiles.map((p: any) => p.name)).toContain(
          'minimal',
        );
        expect(options.body.regionHints).toEqual({
          fly: ['sjc', 'ord', 'iad', 'ams'],
          runpod: ['US', 'EU', 'CA'],
          northflank: ['us-east', 'europe-west', 'asia-northeast'],
        });

        // create: enrolled, deployed, the agent registers
        const created = await api('post', '/deployments').send({
          name: 'dev-local',
          owner: 'group:default/platform',
          config: localConfig('dev-local'),
        });
        expect(created.status).toBe(202);
        expect(created.body.entityRef).toBe('resource:default/dev-local');
        const deployed = await follow(server, created.body.operation.id);
        expect(done(deployed).operation).toMatchObject({
          state: 'succeeded',
          kind: 'deploy',
          driver: 'local',
          actor: 'user:default/ops',
        });
        expect(
          deployed.filter(e => e.type === 'progress').map((e: any) => e.line),
        ).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^started sindri-agent/),
            'the agent registered: dev-local is running',
          ]),
        );
        const instance = await api('get', '/instances/dev-local');
        expect(instance.body).toMatchObject({
          status: 'running',
          provider: 'local',
          owner: 'group:default/platform',
        });
        const deployment = await api('get', '/instances/dev-local/deployment');
        expect(deployment.body).toMatchObject({
          driver: 'local',
          state: 'running',
          provider: 'docker',
        });
        // the stored sindri.yaml has no token; the agent's enrollment file is private
        expect(deployment.body.sindriYaml).not.toMatch(/sindri_[0-9a-f]{32}_/);
        const enrollmentFile = path.join(
          workDir,
          'dev-local/.agent/enrollment.json',
        );
        expect(agentPids(path.join(workDir, 'dev-local'))).toHaveLength(1);
        expect(fs.statSync(enrollmentFile).mode & 0o777).toBe(0o600);

        // its terminal works, in the instance's workspace
        const terminal = openTerminal(port, 'dev-local', 'deploy-test-1');
        await terminal.opened;
        terminal.type('echo $((6*7)) && pwd\r');
        await pollUntil(
          () =>
            terminal.output.includes(
              path.join(workDir, 'dev-local/workspace'),
            ) && /\r42\r\n/.test(terminal.output),
          '42 and the workspace',
        );
        terminal.ws.close();

        // two operations at once: one wins, the other is refused
        const both = await Promise.all(
          [1, 2].map(() =>
            api('post', '/instances/dev-local/lifecycle').send({
              action: 'suspend',
            }),
          ),
        );
        expect(both.map(r => r.status).sort()).toEqual([202, 409]);
        const suspend = both.find(r => r.status === 202)!;
        expect(both.find(r => r.status === 409)!.body.error.message).toMatch(
          /^dev-local (is|became) (suspending|suspended)( meanwhile)?: it cannot suspend now$/,
        );
        expect(
          done(await follow(server, suspend.body.operation.id)).operation.state,
        ).toBe('succeeded');
        expect((await api('get', '/instances/dev-local')).body.status).toBe(
          'stopped',
        );
        expect(
          (await api('get', '/instances/dev-local/deployment')).body.state,
        ).toBe('suspended');
        expect(agentPids(path.join(workDir, 'dev-local'))).toEqual([]);
        const again = await api('post', '/instances/dev-local/lifecycle').send({
          action: 'suspend',
        });
        expect(again.status).toBe(409);
        expect(again.body.error.message).toBe(
          'dev-local is suspended: it cannot suspend now',
        );

        const resume = await api('post', '/instances/dev-local/lifecycle').send(
          { action: 'resume' },
        );
        expect(
          done(await follow(server, resume.body.operation.id)).operation.state,
        ).toBe('succeeded');
        expect((await api('get', '/instances/dev-local')).body.status).toBe(
          'running',
        );
        expect(agentPids(path.join(workDir, 'dev-local'))).toHaveLength(1);

        // redeploy: a new token for the instance, the old one revoked, and never in the log
        const oldToken = JSON.parse(
          fs.readFileSync(enrollmentFile, 'utf8'),
        ).SINDRI_AGENT_TOKEN;
        const redeploy = await api(
          'post',
          '/instances/dev-local/lifecycle',
        ).send({ action: 'redeploy' });
        const redeployed = done(
          await follow(server, redeploy.body.operation.id),
        ).operation;
        expect(redeployed.state).toBe('succeeded');
        const newToken = JSON.parse(
          fs.readFileSync(enrollmentFile, 'utf8'),
        ).SINDRI_AGENT_TOKEN;
        expect(newToken).not.toBe(oldToken);
        expect(JSON.stringify(redeployed)).not.toContain(newToken);
        const revoked = await request(server)
          .post('/api/sindri/ingest')
          .set('Authorization', `Bearer ${oldToken}`)
          .send({ frames: [] });
        expect(revoked.status).toBe(401);
        expect((await api('get', '/instances/dev-local')).body.status).toBe(
          'running',
        );

        // the timeline and the audit log carry both
        const events = (
          await api('get', '/instances/dev-local/events')
        ).body.items.filter((e: any) => e.type === 'lifecycle');
        expect(events.map((e: any) => e.data.kind)).toEqual([
          'redeploy',
          'resume',
          'suspend',
          'deploy',
        ]);
        const operations = (await api('get', '/instances/dev-local/operations'))
          .body.items;
        expect(operations.map((o: any) => `${o.kind}:${o.state}`)).toEqual([
          'redeploy:succeeded',
          'resume:succeeded',
          'suspend:succeeded',
          'deploy:succeeded',
        ]);

        // destroy needs the name typed again
        const unconfirmed = await api(
          'post',
          '/instances/dev-local/lifecycle',
        ).send({ action: 'destroy', confirm: 'dev-locl' });
        expect(unconfirmed.status).toBe(400);
        expect(unconfirmed.body.error.message).toBe(
          'confirm: type the instance\'s name ("dev-local") to destroy it',
        );
        const destroy = await api(
          'post',
          '/instances/dev-local/lifecycle',
        ).send({ action: 'destroy', confirm: 'dev-local' });
        expect(
          done(await follow(server, destroy.body.operation.id)).operation.state,
        ).toBe('succeeded');
        expect((await api('get', '/instances/dev-local')).status).toBe(404);
        expect(fs.existsSync(path.join(workDir, 'dev-local'))).toBe(false);
        expect(agentPids(path.join(workDir, 'dev-local'))).toEqual([]);
        // the audit outlives the instance
        const audit = await knex('lifecycle_operations')
          .where({ instance_name: 'dev-local' })
          .whereNotNull('instance_id')
          .orderBy('started_at')
          .pluck('kind');
        expect(audit).toEqual([
          'deploy',
          'suspend',
          'resume',
          'redeploy',
          'destroy',
        ]);
        // ...terminal sessions too, with the instance's name, and its samples and token do not
        expect(
          await knex('terminal_sessions')
            .where({ instance_name: 'dev-local' })
            .count({ n: '*' })
            .then(r => Number(r[0].n)),
        ).toBeGreaterThanOrEqual(1);
        expect(
          await knex('agent_tokens')
            .count({ n: '*' })
            .then(r => Number(r[0].n)),
        ).toBe(0);
        expect(
          await knex('heartbeats')
            .count({ n: '*' })
            .then(r => Number(r[0].n)),
        ).toBe(0);
      } finally {
        await backend.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
      }
    },
  );
});

describe('local instances are supervised', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('restarts an agent that dies, and starts running instances again when the portal restarts', async () => {
    const knex = await databases.init('SQLITE_3');
    const workDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'sindri-deployments-'),
    );
    const start = () => startLocalBackend(knex, workDir);
    let backend = await start();
    const instanceDir = path.join(workDir, 'dev-sup');
    try {
      const api = (method: 'get' | 'post', url: string) =>
        request(backend.server)
          [method](`/api/sindri${url}`)
          .set('Authorization', admin);
      const created = await api('post', '/deployments').send({
        name: 'dev-sup',
        owner: 'group:default/platform',
        config: localConfig('dev-sup'),
      });
      expect(
        done(await follow(backend.server, created.body.operation.id)).operation
          .state,
      ).toBe('succeeded');
      const [first] = agentPids(instanceDir);

      // the agent dies: the driver starts another, which registers again
      const registeredAt = (await api('get', '/instances/dev-sup')).body
        .registeredAt;
      process.kill(first, 'SIGKILL');
      await pollUntil(
        () => agentPids(instanceDir).some(pid => pid !== first),
        'a new agent process',
        20_000,
      );
      await pollUntil(
        async () =>
          (await api('get', '/instances/dev-sup')).body.registeredAt !==
          registeredAt,
        'the new agent to register',
        30_000,
      );

      // the portal stops (its agents with it) and starts again: the running instance comes back
      const beforeRestart = (await api('get', '/instances/dev-sup')).body
        .registeredAt;
      await backend.stop();
      expect(agentPids(instanceDir)).toEqual([]);
      // as if a portal had been killed without stopping its agent: one is left, its pid on file
      const leftover = spawn(
        process.execPath,
        ['-e', 'setInterval(() => {}, 1000)', 'sindri-agent'],
        {
          env: { SINDRI_WORKSPACE: path.join(instanceDir, 'workspace') },
          detached: true,
          stdio: 'ignore',
        },
      );
      fs.writeFileSync(
        path.join(instanceDir, '.agent/agent.pid'),
        String(leftover.pid),
      );
      backend = await start();
      await pollUntil(
        () => !alive(leftover.pid!) && agentPids(instanceDir).length === 1,
        'the leftover ended and one agent started',
        20_000,
      );
      const again = () =>
        request(backend.server)
          .get('/api/sindri/instances/dev-sup')
          .set('Authorization', admin);
      await pollUntil(
        async () => (await again()).body.registeredAt !== beforeRestart,
        'the agent to register with the new portal',
        30_000,
      );
      // the old agent reported its clean stop; the new one reports its start
      await pollUntil(
        async () => (await again()).body.status === 'running',
        'the instance running again',
        10_000,
      );
    } finally {
      await backend.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});

describe('a deploy an earlier start of the portal left unfinished', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('is undone when the portal starts again: no instance is left half-made', async () => {
    const knex = await databases.init('SQLITE_3');
    const workDir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'sindri-deployments-'),
    );
    let backend = await startLocalBackend(knex, workDir);
    const api = (method: 'get' | 'post', url: string) =>
      request(backend.server)
        [method](`/api/sindri${url}`)
        .set('Authorization', admin);
    const { instanceId } = (
      await api('post', '/enrollments').send({
        name: 'dev-half',
        owner: 'group:default/platform',
      })
    ).body;
    await backend.stop();
    // as a portal killed in the middle of deploying dev-half would have left it
    const now = new Date();
    await knex('instance_deployments').insert({
      instance_id: instanceId,
      driver: 'local',
      state: 'deploying',
      sindri_yaml: yaml.stringify(localConfig('dev-half')),
      provider: 'docker',
      created_by: 'user:default/ops',
      created_at: now,
      updated_at: now,
    });
    await knex('lifecycle_operations').insert({
      id: crypto.randomUUID(),
      instance_id: instanceId,
      instance_name: 'dev-half',
      kind: 'deploy',
      driver: 'local',
      state: 'running',
      actor: 'user:default/ops',
      log: '[]',
      started_at: now,
    });
    backend = await startLocalBackend(knex, workDir);
    try {
      await pollUntil(
        async () =>
          !(await knex('instances').where({ id: instanceId }).first()),
        'dev-half to be removed',
        20_000,
      );
      expect(
        await knex('agent_tokens').where({ instance_id: instanceId }),
      ).toEqual([]);
      expect(
        await knex('lifecycle_operations')
          .where({ instance_id: instanceId })
          .pluck('state'),
      ).toEqual(['cancelled']);
    } finally {
      await backend.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });
});

const cli = process.env.SINDRI_CLI;

(cli ? describe : describe.skip)(
  'a deploy through the real Sindri CLI that fails',
  () => {
    it("shows the CLI's message, in dry run and for real, and leaves no instance", async () => {
      const workDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'sindri-deployments-'),
      );
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          mockServices.rootConfig.factory({
            data: {
              sindri: {
                registry: { path: registryDir },
                cli: { path: cli },
                deployments: { workDir, catalogTimeout: { seconds: 0 } },
              },
            },
          }),
        ],
      });
      const api = (method: 'get' | 'post', url: string) =>
        request(backend.server)
          [method](`/api/sindri${url}`)
          .set('Authorization', admin);
      const fly = {
        version: '3.0',
        name: 'dev-fly',
        deployment: {
          provider: 'fly',
          image: 'ghcr.io/sindri-labs/sindri:latest',
        },
        extensions: { profile: 'minimal' },
        providers: { fly: { region: 'ams' } },
      };
      try {
        const plan = await api('post', '/deployments').send({
          name: 'dev-fly',
          owner: 'group:default/platform',
          config: fly,
          dryRun: true,
        });
        expect(plan.status).toBe(202);
        const planned = await follow(backend.server, plan.body.operation.id);
        expect(done(planned).operation).toMatchObject({
          kind: 'plan',
          driver: 'sindri-cli',
          state: 'failed',
        });
        expect(done(planned).operation.message).toMatch(
          /^sindri deploy: .*[Pp]rerequisites.*flyctl/,
        );
        expect((await api('get', '/enrollments')).body.items).toEqual([]);

        const real = await api('post', '/deployments').send({
          name: 'dev-fly',
          owner: 'group:default/platform',
          config: fly,
        });
        const deployed = await follow(backend.server, real.body.operation.id);
        expect(done(deployed).operation.state).toBe('failed');
        expect(done(deployed).operation.message).toMatch(/flyctl/);
        expect(deployed.map((e: any) => e.line)).toContain(
          'cleaning up what the failed deploy left',
        );
        // nothing half-registered: no enrollment, no instance, and the name is free again
        expect((await api('get', '/enrollments')).body.items).toEqual([]);
        expect((await api('get', '/instances/dev-fly')).status).toBe(404);
        const again = await api('post', '/deployments').send({
          name: 'dev-fly',
          owner: 'group:default/platform',
          config: fly,
          dryRun: true,
        });
        expect(again.status).toBe(202);
        await follow(backend.server, again.body.operation.id);
      } finally {
        await backend.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
      }
    });
  },
);
