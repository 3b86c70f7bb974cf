import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  BudgetEstimate,
  BudgetList,
  BudgetStatus,
  pollUntil,
} from '@internal/plugin-sindri-common';
import {
  SindriDriver,
  sindriDriversExtensionPoint,
} from '@internal/plugin-sindri-node';
import request from 'supertest';
import { sindriPlugin } from '../plugin';
import { registration, registryDir } from '../__testUtils__/fixtures';
import { manualScheduler } from '../__testUtils__/manualScheduler';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const TEAM = 'group:default/team-a';
const ADMIN = 'user:default/admin';
const DEV = 'user:default/dev';
const yamlOf = (name: string, cpus: number) =>
  `version: "3.0"\nname: ${name}\ndeployment:\n  provider: docker\n  resources:\n    cpus: ${cpus}\n    memory: 4GB\nextensions:\n  profile: minimal\n`;

/** A provider that deploys nothing: it records what it was asked to deploy and start. */
class RecordingDriver implements SindriDriver {
  readonly id = 'recording';
  deployed: string[] = [];
  starts = 0;
  async plan() {}
  async deploy(config: Record<string, unknown>) {
    this.deployed.push(String(config.name));
  }
  async status() {
    return { state: 'unknown' as const };
  }
  async stop() {}
  async start() {
    this.starts += 1;
  }
  async redeploy() {}
  async destroy() {}
}

/** Only the admin manages budgets; everything else is allowed to everyone. */
const adminManagesBudgets = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    authorize: async (requests: any[], options?: any) =>
      requests.map(r => ({
        result:
          r.permission.name === 'sindri.budget.manage' &&
          options?.credentials?.principal?.userEntityRef !== ADMIN
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  }),
});

describe('budgets', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'are set by admins, read by members, fire the alert engine at 50/80/100 % and on the projection, and warn or block a create before anything is deployed, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const scheduler = manualScheduler();
      const driver = new RecordingDriver();
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-budget-'));
      const sent: any[] = [];
      const backend = await startTestBackend({
        features: [
          sindriPlugin,
          scheduler.factory,
          adminManagesBudgets,
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: coreServices.userInfo,
            deps: {},
            factory: () =>
              mockServices.userInfo({ ownershipEntityRefs: [DEV, TEAM] }),
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async (n: any) => void sent.push(n) }),
          }),
          createBackendModule({
            pluginId: 'sindri',
            moduleId: 'recording-driver',
            register(env) {
              env.registerInit({
                deps: { drivers: sindriDriversExtensionPoint },
                async init({ drivers }) {
                  drivers.addDriver(driver);
                },
              });
            },
          }),
          mockServices.rootConfig.factory({
            data: {
              sindri: {
                registry: { path: registryDir },
                deployments: {
                  workDir,
                  defaultDriver: 'recording',
                  catalogTimeout: { milliseconds: 0 },
                  registrationTimeout: { milliseconds: 200 },
                },
                cost: {
                  rates: [
                    {
                      provider: 'docker',
                      item: 'vcpu',
                      price: 0.05,
                      unit: 'hour',
                      source: 'internal chargeback, 2026',
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
      const as = (user: string) => mockCredentials.user.header(user);
      const count = async (table: string, where: object = {}) =>
        Number((await knex(table).where(where).count({ n: '*' }))[0].n);
      const api = backend.server;
      const budgetUrl = `/api/sindri/budgets/${encodeURIComponent(TEAM)}`;

      // an instance of the team, 2 vCPU running for the last 10 hours: $1.00 spent
      const enrolled = await request(api)
        .post('/api/sindri/enrollments')
        .set('Authorization', as(ADMIN))
        .send({ name: 'dev-1', owner: TEAM })
        .expect(201);
      await request(api)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${enrolled.body.token}`)
        .send({
          frames: [{ type: 'register', registration: registration('dev-1') }],
        })
        .expect(200);
      const id = enrolled.body.instanceId;
      const now = Date.now();
      await knex('instance_deployments').insert({
        instance_id: id,
        driver: 'recording',
        state: 'running',
        sindri_yaml: yamlOf('dev-1', 2),
        provider: 'docker',
        created_by: ADMIN,
        created_at: new Date(now),
        updated_at: new Date(now),
      });
      await knex('instance_status_changes').where({ instance_id: id }).delete();
      // within this month, whatever the day the test runs on
      const monthStart = Date.UTC(
        new Date(now).getUTCFullYear(),
        new Date(now).getUTCMonth(),
        1,
      );
      const since = Math.max(monthStart, now - 10 * HOUR);
      await knex('instance_status_changes').insert({
        instance_id: id,
        status: 'running',
        at: new Date(since),
      });
      const spent = ((now - since) / HOUR) * 2 * 0.05;

      // only an admin sets a budget; a bad one is a 400 naming the field
      await request(api)
        .put(budgetUrl)
        .set('Authorization', as(DEV))
        .send({ monthlyUsd: 10, enforcement: 'block' })
        .expect(403);
      const bad = await request(api)
        .put(budgetUrl)
        .set('Authorization', as(ADMIN))
        .send({ monthlyUsd: -5, enforcement: 'block' })
        .expect(400);
      expect(bad.body.error.message).toMatch(/monthlyUsd/);
      await request(api)
        .put(`/api/sindri/budgets/${encodeURIComponent('user:default/dev')}`)
        .set('Authorization', as(ADMIN))
        .send({ monthlyUsd: 10, enforcement: 'block' })
        .expect(400);
      expect(await count('sindri_budgets')).toBe(0);

      // a budget the spend has crossed half of: $1.80, so $1.00 is 50-60 %
      const budget = spent / 0.55;
      const set: BudgetStatus = (
        await request(api)
          .put(budgetUrl)
          .set('Authorization', as(ADMIN))
          .send({ monthlyUsd: budget, enforcement: 'warn' })
          .expect(200)
      ).body;
      expect(set).toMatchObject({
        group: TEAM,
        instances: 1,
        updatedBy: ADMIN,
      });
      expect(set.spent).toBeCloseTo(spent, 2);
      expect(set.remaining).toBeCloseTo(budget - spent, 2);
      expect(set.projected).toBeGreaterThan(set.spent);

      // a member reads their group's budget; the admin reads every group's
      const mine: BudgetList = (
        await request(api)
          .get('/api/sindri/budgets')
          .set('Authorization', as(DEV))
          .expect(200)
      ).body;
      expect(mine.myGroups).toEqual([TEAM]);
      expect(mine.items.map(b => b.group)).toEqual([TEAM]);

      // the alert engine: 50 % fired, 80 % and 100 % not; the projection over the budget fired
      await scheduler.run('sindri-alerts');
      const open = async () =>
        (
          await request(api)
            .get('/api/sindri/alerts?state=open')
            .set('Authorization', as(DEV))
            .expect(200)
        ).body.items.map((a: any) => [a.ruleName, a.group, a.state]);
      expect((await open()).sort()).toEqual([
        ['Budget 50 % spent', TEAM, 'firing'],
        ['Budget projected to be exceeded this month', TEAM, 'firing'],
      ]);
      // Backstage notifications to the group's members
      expect(sent.map(n => [n.recipients.entityRef, n.payload.title])).toEqual(
        expect.arrayContaining([
          [TEAM, `Firing: Budget 50 % spent on ${TEAM}`],
        ]),
      );
      // a member may not answer a budget alert; an admin may
      const [alert] = (
        await request(api)
          .get('/api/sindri/alerts?state=open')
          .set('Authorization', as(DEV))
      ).body.items;
      await request(api)
        .post(`/api/sindri/alerts/${alert.id}/acknowledge`)
        .set('Authorization', as(DEV))
        .expect(403);
      await request(api)
        .post(`/api/sindri/alerts/${alert.id}/acknowledge`)
        .set('Authorization', as(ADMIN))
        .expect(200);

      // the budget lowered under the spend: 80 % and 100 % fire too
      await request(api)
        .put(budgetUrl)
        .set('Authorization', as(ADMIN))
        .send({ monthlyUsd: spent / 1.1, enforcement: 'warn' })
        .expect(200);
      await scheduler.run('sindri-alerts');
      expect((await open()).map((a: string[]) => a[0]).sort()).toEqual([
        'Budget 50 % spent',
        'Budget 80 % spent',
        'Budget projected to be exceeded this month',
        'Budget spent',
      ]);

      // the create page's estimate: a 4 vCPU instance to the month's end
      const estimate: BudgetEstimate = (
        await request(api)
          .post('/api/sindri/budgets/estimate')
          .set('Authorization', as(DEV))
          .send({ owner: TEAM, sindriYaml: yamlOf('dev-2', 4) })
          .expect(200)
      ).body;
      expect(estimate).toMatchObject({
        owner: TEAM,
        verdict: 'over',
        enforcement: 'warn',
      });
      expect(estimate.perHour).toBeCloseTo(0.2, 6);
      expect(estimate.projected).toBeCloseTo(0.2 * estimate.hoursLeft, 3);
      expect(estimate.message).toMatch(/left of its \$\d+\.\d\d budget/);

      // a clone keeps its source's owner when given none; without either, a 400 names the field
      const cloneEstimate: BudgetEstimate = (
        await request(api)
          .post('/api/sindri/budgets/estimate')
          .set('Authorization', as(DEV))
          .send({ cloneFrom: 'dev-1' })
          .expect(200)
      ).body;
      expect([cloneEstimate.owner, cloneEstimate.perHour]).toEqual([TEAM, 0.1]);
      const ownerless = await request(api)
        .post('/api/sindri/budgets/estimate')
        .set('Authorization', as(DEV))
        .send({ sindriYaml: yamlOf('dev-2', 4) })
        .expect(400);
      expect(ownerless.body.error.message).toMatch(/owner/);
      // another group's budget is not a member's to read through an estimate
      const foreign = await request(api)
        .post('/api/sindri/budgets/estimate')
        .set('Authorization', as(DEV))
        .send({ owner: 'group:default/other', sindriYaml: yamlOf('dev-2', 4) })
        .expect(403);
      expect(foreign.body.error.message).toMatch(/^owner: /);

      // warn: the create goes ahead, with the warning in the answer and the operation's log
      const warned = await request(api)
        .post('/api/sindri/deployments')
        .set('Authorization', as(DEV))
        .send({ name: 'dev-2', owner: TEAM, sindriYaml: yamlOf('dev-2', 4) })
        .expect(202);
      expect(warned.body.budgetWarning).toMatch(
        /^budget: group:default\/team-a has \$0\.00 left/,
      );
      await pollUntil(() => driver.deployed.includes('dev-2'), 'the deploy');

      // block: refused before anything is enrolled, with the remaining budget and the projection
      await request(api)
        .put(budgetUrl)
        .set('Authorization', as(ADMIN))
        .send({ monthlyUsd: spent / 1.1, enforcement: 'block' })
        .expect(200);
      const refused = await request(api)
        .post('/api/sindri/deployments')
        .set('Authorization', as(DEV))
        .send({ name: 'dev-3', owner: TEAM, sindriYaml: yamlOf('dev-3', 4) })
        .expect(409);
      expect(refused.body.error.message).toMatch(
        /^budget: refused: group:default\/team-a has \$0\.00 left of its \$\d+\.\d\d budget for \d{4}-\d\d .* this create is projected at \$\d+\.\d\d to the month's end \(\$0\.20\/h × \d+ h\)/,
      );
      expect(await count('instances', { name: 'dev-3' })).toBe(0);
      expect(driver.deployed).toEqual(['dev-2']);

      // a resume is refused the same way, before the driver starts anything
      await knex('instance_deployments')
        .where({ instance_id: id })
        .update({ state: 'stopped' });
      await knex('instances').where({ id }).update({ status: 'stopped' });
      const resume = await request(api)
        .post('/api/sindri/instances/dev-1/lifecycle')
        .set('Authorization', as(DEV))
        .send({ action: 'resume' })
        .expect(409);
      expect(resume.body.error.message).toMatch(
        /this resume of dev-1 is projected at \$\d+\.\d\d .*\(\$0\.10\/h ×/,
      );
      expect(driver.starts).toBe(0);

      // a new month (or a raised budget): the alerts resolve
      await request(api)
        .put(budgetUrl)
        .set('Authorization', as(ADMIN))
        .send({ monthlyUsd: 1_000_000, enforcement: 'block' })
        .expect(200);
      await scheduler.run('sindri-alerts');
      expect(await open()).toEqual([]);

      // an owner without a budget is not limited
      const free: BudgetEstimate = (
        await request(api)
          .post('/api/sindri/budgets/estimate')
          .set('Authorization', as(DEV))
          .send({ owner: DEV, sindriYaml: yamlOf('dev-4', 4) })
          .expect(200)
      ).body;
      expect(free.verdict).toBe('no-budget');
      await backend.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  );
});
