import crypto from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import yaml from 'yaml';
import sindriPlugin from '@internal/plugin-sindri-backend';
import {
  AGENT_ENV,
  InstanceDrift,
  pollUntil,
} from '@internal/plugin-sindri-common';
import {
  DriverRun,
  SindriDriver,
  sindriDriversExtensionPoint,
} from '@internal/plugin-sindri-node';

jest.setTimeout(180_000);

const repo = path.resolve(__dirname, '../../..');
const registryDir = path.join(repo, 'registry/sindri-v3');
const agentBin = path.join(repo, 'agent/bin/sindri-agent');
const admin = mockCredentials.user.header('user:default/ops');
const reader = mockCredentials.user.header('user:default/reader');

/**
 * Stands in for a cloud provider the Sindri CLI would deploy to (not
 * reachable here): it writes the sindri.yaml where the instance keeps it and
 * runs the real agent against it and against a status ledger the test
 * writes as Sindri does while it installs extensions.
 */
class ProviderDouble implements SindriDriver {
  readonly id = 'provider-double';
  readonly providers = ['fly'];
  private child?: ChildProcess;
  constructor(readonly dir: string) {}
  readonly sindriYaml = () => path.join(this.dir, 'sindri.yaml');
  readonly ledger = () => path.join(this.dir, 'status_ledger.jsonl');
  /** the agent's output, shown when the test fails */
  readonly log = () => path.join(this.dir, 'agent.log');
  async plan() {}
  async deploy(config: Record<string, unknown>, run: DriverRun) {
    fs.writeFileSync(this.sindriYaml(), yaml.stringify(config));
    this.child = spawn(process.execPath, [agentBin], {
      env: {
        PATH: process.env.PATH,
        HOME: this.dir,
        ...run.env,
        [AGENT_ENV.provider]: 'fly',
        [AGENT_ENV.config]: this.sindriYaml(),
        [AGENT_ENV.statusLedger]: this.ledger(),
        [AGENT_ENV.stateDir]: path.join(this.dir, 'agent'),
        [AGENT_ENV.workspace]: this.dir,
        [AGENT_ENV.metricsSeconds]: '1',
      },
      stdio: [
        'ignore',
        fs.openSync(this.log(), 'a'),
        fs.openSync(this.log(), 'a'),
      ],
    });
  }
  async redeploy(config: Record<string, unknown>, run: DriverRun) {
    await this.stop();
    await this.deploy(config, run);
  }
  async status() {
    return { state: 'unknown' as const };
  }
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise(resolve => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  async start() {}
  async destroy() {
    await this.stop();
  }
}

function ledgerLine(extension: string, state: 'installed' | 'failed') {
  return `${JSON.stringify({
    event_id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    extension_name: extension,
    cli_version: '3.1.3',
    state_before: 'installing',
    state_after: state,
    event:
      state === 'installed'
        ? {
            type: 'install_completed',
            extension_name: extension,
            version: '1.0.0',
            duration_secs: 30,
          }
        : {
            type: 'install_failed',
            extension_name: extension,
            error_message: 'network unreachable',
          },
  })}\n`;
}

const startBackend = (knex: Knex, workDir: string, double: ProviderDouble) =>
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
              defaultDriver: 'local',
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
      // the reader may read instances, not change them
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => {
          const decide = (
            requests: Array<{ permission: { name: string } }>,
            options?: { credentials?: any },
          ) =>
            requests.map(r => ({
              result:
                options?.credentials?.principal?.userEntityRef ===
                  'user:default/reader' &&
                r.permission.name === 'sindri.instance.lifecycle'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            }));
          return {
            authorize: async (requests: any, options: any) =>
              decide(requests, options) as any,
            authorizeConditional: async (requests: any, options: any) =>
              decide(requests, options) as any,
          };
        },
      }),
      createBackendModule({
        pluginId: 'sindri',
        moduleId: 'provider-double',
        register(env) {
          env.registerInit({
            deps: { drivers: sindriDriversExtensionPoint },
            async init({ drivers }) {
              drivers.addDriver(double);
            },
          });
        },
      }),
    ],
  });

describe('configuration versions and drift, with real agents', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'an edit is validated, stored as a version and applied; drift follows the ledger and the sindri.yaml, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-drift-'));
      const double = new ProviderDouble(
        fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-provider-')),
      );
      const backend = await startBackend(knex, workDir, double);
      const api = (method: 'get' | 'post', url: string, auth: string = admin) =>
        request(backend.server)
          [method](`/api/sindri${url}`)
          .set('Authorization', auth);
      const settled = (id: string) =>
        pollUntil(async () => {
          const { state } = (await api('get', `/operations/${id}`)).body;
          return state !== 'running' ? state : undefined;
        }, `operation ${id}`);
      const driftOf = (name: string) =>
        api('get', `/instances/${name}/drift`).then(
          r => r.body as InstanceDrift,
        );
      const driftUntil = (
        name: string,
        test: (d: InstanceDrift) => boolean,
        what: string,
      ) =>
        pollUntil(async () => {
          const d = await driftOf(name);
          return test(d) ? d : undefined;
        }, what);
      try {
        // the local driver installs no extensions: drift covers the sindri.yaml alone
        const local = await api('post', '/deployments').send({
          name: 'dev-local',
          owner: 'group:default/platform',
          driver: 'local',
          config: {
            version: '3.0',
            name: 'dev-local',
            deployment: { provider: 'docker' },
            extensions: { profile: 'minimal' },
          },
        });
        expect(local.status).toBe(202);
        expect(await settled(local.body.operation.id)).toBe('succeeded');
        const localDrift = await driftUntil(
          'dev-local',
          d => d.config === 'match',
          'the local instance to report its sindri.yaml',
        );
        expect(localDrift).toMatchObject({
          status: 'in-sync',
          tracksExtensions: false,
          missing: [],
          declaredVersion: 1,
        });
        expect(localDrift.reason).toMatch(
          /local driver installs no extensions/,
        );

        // an edit that renames the instance or breaks the schema is refused with its JSON path, and stores nothing
        const stored = (
          await api('get', '/instances/dev-local/config/versions/1')
        ).body.sindriYaml as string;
        const renamed = stored.replace('name: dev-local', 'name: other');
        const refused = await api(
          'post',
          '/instances/dev-local/config/validate',
        ).send({ sindriYaml: renamed });
        expect(refused.body.valid).toBe(false);
        expect(refused.body.issues).toContainEqual(
          expect.objectContaining({ pointer: '/name' }),
        );
        const badProfile = stored.replace('profile: minimal', 'profile: nope');
        const invalid = await api('post', '/instances/dev-local/config').send({
          sindriYaml: badProfile,
          baseVersion: 1,
        });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(/\/extensions\/profile/);
        expect(
          (await api('get', '/instances/dev-local/config/versions')).body.items,
        ).toHaveLength(1);

        // a reader may see versions but not apply one
        const notAllowed = await api(
          'post',
          '/instances/dev-local/config',
          reader,
        ).send({ sindriYaml: stored, baseVersion: 1 });
        expect(notAllowed.status).toBe(403);

        // the `update` stores version 2 and redeploys; the agent then reports the new file
        const edited = stored.replace(
          'profile: minimal',
          'profile: minimal\n  additional:\n    - python',
        );
        const applied = await api('post', '/instances/dev-local/config').send({
          sindriYaml: edited,
          baseVersion: 1,
        });
        expect(applied.status).toBe(202);
        expect(applied.body.version).toBe(2);
        expect(applied.body.operation.kind).toBe('update');
        expect(await settled(applied.body.operation.id)).toBe('succeeded');
        const stale = await api('post', '/instances/dev-local/config').send({
          sindriYaml: edited,
          baseVersion: 1,
        });
        expect(stale.status).toBe(409);
        // refused before anything moved: the deployment stays running, no operation was started
        expect(
          (await api('get', '/instances/dev-local/deployment')).body.state,
        ).toBe('running');
        expect(
          (await api('get', '/instances/dev-local/operations')).body.items.map(
            (o: any) => `${o.kind}:${o.state}`,
          ),
        ).toEqual(['update:succeeded', 'deploy:succeeded']);
        expect(
          (await api('get', '/instances/dev-local/config/versions/99999999999'))
            .status,
        ).toBe(400);
        expect(
          (await api('get', '/instances/dev-local/config/versions/7')).status,
        ).toBe(404);
        const versions = (
          await api('get', '/instances/dev-local/config/versions')
        ).body.items;
        expect(
          versions.map((v: any) => [
            v.version,
            v.current,
            v.operation?.kind,
            v.operation?.state,
          ]),
        ).toEqual([
          [2, true, 'update', 'succeeded'],
          [1, false, 'deploy', 'succeeded'],
        ]);
        expect(
          (await api('get', '/instances/dev-local/config/versions/2')).body
            .sindriYaml,
        ).toBe(edited);
        const updated = await driftUntil(
          'dev-local',
          d => d.declaredVersion === 2 && d.config === 'match',
          'the updated instance to report version 2',
        );
        expect(updated.status).toBe('in-sync');
        expect(updated.declared).toContain('python');
        expect(
          fs.readFileSync(path.join(workDir, 'dev-local/sindri.yaml'), 'utf8'),
        ).toContain('python');

        // declared changed when the update started: drifted until the instance reported the new file
        expect(
          (
            await api('get', '/instances/dev-local/events?type=drift')
          ).body.items.map((e: any) => e.message),
        ).toEqual([
          'matches its declared sindri.yaml again (matches version 2; the local driver installs no extensions: drift covers the sindri.yaml alone)',
          'drifted from its declared sindri.yaml: the sindri.yaml on the instance differs from version 2; the local driver installs no extensions: drift covers the sindri.yaml alone',
        ]);

        // a provider that installs extensions: drift follows the agent's ledger and its sindri.yaml
        const cloud = await api('post', '/deployments').send({
          name: 'dev-cloud',
          owner: 'group:default/platform',
          driver: 'provider-double',
          config: {
            version: '3.0',
            name: 'dev-cloud',
            deployment: { provider: 'fly' },
            extensions: { active: ['nodejs'] },
          },
        });
        expect(cloud.status).toBe(202);
        expect(await settled(cloud.body.operation.id)).toBe('succeeded');
        const before = await driftUntil(
          'dev-cloud',
          d => d.config === 'match',
          'the cloud instance to report its sindri.yaml',
        );
        expect(before).toMatchObject({
          status: 'unknown',
          tracksExtensions: false,
          reason: expect.stringMatching(
            /cannot read Sindri's ledger \(missing\)/,
          ),
        });
        // nothing installed yet, the ledger absent: that is not "all clear", it is unknown extensions
        fs.writeFileSync(
          double.ledger(),
          ledgerLine('mise-config', 'installed'),
        );
        const missing = await driftUntil(
          'dev-cloud',
          d => d.tracksExtensions,
          'the agent to report its ledger',
        );
        // the portal deploys its console agent too (and what it needs): declared, and missing until Sindri installs it
        expect(missing).toMatchObject({
          status: 'drifted',
          missing: ['console-agent', 'nodejs'],
          extra: [],
          declared: ['console-agent', 'mise-config', 'nodejs'],
        });
        fs.appendFileSync(
          double.ledger(),
          ledgerLine('nodejs', 'installed') +
            ledgerLine('console-agent', 'installed') +
            ledgerLine('golang', 'installed'),
        );
        const extra = await driftUntil(
          'dev-cloud',
          d => d.missing.length === 0,
          'nodejs to be reported',
        );
        expect(extra).toMatchObject({ status: 'drifted', extra: ['golang'] });
        fs.writeFileSync(
          double.ledger(),
          ledgerLine('mise-config', 'installed') +
            ledgerLine('nodejs', 'installed') +
            ledgerLine('console-agent', 'installed'),
        );
        await driftUntil(
          'dev-cloud',
          d => d.status === 'in-sync',
          'the instance to match',
        );

        // someone edits the file on the instance: drift until it matches the declared one again
        const onInstance = fs.readFileSync(double.sindriYaml(), 'utf8');
        fs.writeFileSync(
          double.sindriYaml(),
          `${onInstance}# edited by hand\n`,
        );
        const differs = await driftUntil(
          'dev-cloud',
          d => d.config === 'differs',
          'the changed file to be reported',
        );
        expect(differs.status).toBe('drifted');
        expect(differs.reason).toMatch(/differs from version 1/);
        fs.writeFileSync(double.sindriYaml(), onInstance);
        await driftUntil(
          'dev-cloud',
          d => d.status === 'in-sync',
          'the restored file to be reported',
        );

        // each verdict change is on the timeline, and the fleet overview counts it
        const events = (
          await api('get', '/instances/dev-cloud/events?type=drift&limit=50')
        ).body.items.map((e: any) => e.message);
        expect(events).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^drifted .*missing console-agent, nodejs/),
            expect.stringMatching(/^drifted .*not declared: golang/),
            expect.stringMatching(/^drifted .*differs from version 1/),
            expect.stringMatching(/^matches its declared sindri.yaml again/),
          ]),
        );
        const summary = (await api('get', '/fleet/summary')).body;
        expect(summary.drift).toEqual({ 'in-sync': 2, drifted: 0, unknown: 0 });
        const listed = (await api('get', '/instances')).body.items;
        expect(listed.map((i: any) => [i.name, i.drift])).toEqual([
          ['dev-cloud', 'in-sync'],
          ['dev-local', 'in-sync'],
        ]);
      } catch (error) {
        // eslint-disable-next-line no-console
        if (fs.existsSync(double.log()))
          console.log(fs.readFileSync(double.log(), 'utf8').slice(-4000));
        throw error;
      } finally {
        await double.stop();
        await backend.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
        fs.rmSync(double.dir, { recursive: true, force: true });
      }
    },
  );
});
