import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import WebSocket from 'ws';
import { parse as parseYaml } from 'yaml';
import {
  enroll,
  ScriptedAgent,
  startLiveBackend,
  TerminalClient,
} from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

/** dev-1's stored sindri.yaml */
const DEV1_YAML =
  'version: "3.0"\nname: dev-1\ndeployment:\n  provider: docker\nextensions:\n  profile: minimal\n';

const auth = mockCredentials.user.header('user:default/ops');
const READ = 'sindri.instance.read';
const TERMINAL = 'sindri.instance.terminal';
const COMMAND = 'sindri.instance.command';
const ENROLL = 'sindri.enrollment.manage';
const METRICS = 'sindri.metrics.read';
const CREATE = 'sindri.instance.create';
const LIFECYCLE = 'sindri.instance.lifecycle';
const AUDIT = 'sindri.instance.audit.read';
const DRIVER = 'sindri.driver.use';
const FIELD = 'sindri.config.field.set';
const ALERT_READ = 'sindri.alert.read';
const ALERT_MANAGE = 'sindri.alert.manage';
const ALERT_RESPOND = 'sindri.alert.respond';
const EXTENSION_READ = 'sindri.extension.read';
const BUDGET_READ = 'sindri.budget.read';
const BUDGET_MANAGE = 'sindri.budget.manage';
const DEFAULT_RULE = '5e6d0c1a-0001-4000-8000-000000000001';
const ALERT_RULE = {
  name: 'lost',
  enabled: true,
  condition: { kind: 'heartbeat-lost', forSeconds: 0 },
  scope: { kind: 'fleet' },
  severity: 'critical',
  channels: [],
  notifyOwners: true,
  resolveAfterSeconds: 0,
};

/** An event stream never ends by itself: its answer is the status and first chunk; any other is JSON. */
const firstEvent = (test: request.Test) =>
  test.buffer(false).parse((res, done) => {
    const streaming = String(res.headers['content-type']).startsWith(
      'text/event-stream',
    );
    let text = '';
    res.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!streaming) return;
      (res as any).destroy();
      done(null, text);
    });
    res.once('end', () => done(null, streaming ? text : JSON.parse(text)));
  });

type Call = {
  name: string;
  permission: string;
  call: (
    server: any,
    ctx: {
      runId: string;
      instanceId: string;
      operationId: string;
      terminalSessionId: string;
      alertId: string;
      channelId: string;
    },
  ) => request.Test;
  allowed: number;
  denied: number;
};

const MINIMAL = {
  version: '3.0',
  name: 'dev-9',
  deployment: { provider: 'docker' },
  extensions: { profile: 'minimal' },
};

/** Every HTTP route but health and agent ingest, the permission it checks, and its answer with and without it. */
const calls: Call[] = [
  {
    name: 'GET /instances',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/metrics',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/metrics'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /fleet/summary',
    permission: READ,
    call: s => request(s).get('/api/sindri/fleet/summary'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /extensions',
    permission: EXTENSION_READ,
    call: s => request(s).get('/api/sindri/extensions'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /extensions/{name}',
    permission: EXTENSION_READ,
    call: s => request(s).get('/api/sindri/extensions/nodejs'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /fleet/extensions',
    permission: EXTENSION_READ,
    call: s => request(s).get('/api/sindri/fleet/extensions'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /metrics',
    permission: METRICS,
    call: s => request(s).get('/api/sindri/metrics'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /events',
    permission: READ,
    call: s => request(s).get('/api/sindri/events'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/events',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/events'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/terminal-sessions',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/terminal-sessions'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/terminal-sessions/{id}/input',
    permission: AUDIT,
    call: (s, c) =>
      request(s).get(
        `/api/sindri/instances/dev-1/terminal-sessions/${c.terminalSessionId}/input`,
      ),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /enrollments',
    permission: ENROLL,
    call: s => request(s).get('/api/sindri/enrollments'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /enrollments',
    permission: ENROLL,
    call: s =>
      request(s)
        .post('/api/sindri/enrollments')
        .send({ name: 'dev-7', owner: 'group:default/platform' }),
    allowed: 201,
    denied: 403,
  },
  {
    name: 'POST /enrollments/{id}/rotate',
    permission: ENROLL,
    call: (s, c) =>
      request(s).post(`/api/sindri/enrollments/${c.instanceId}/rotate`),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'DELETE /enrollments/{id}',
    permission: ENROLL,
    call: (s, c) =>
      request(s).delete(`/api/sindri/enrollments/${c.instanceId}`),
    allowed: 204,
    denied: 403,
  },
  {
    name: 'POST /commands',
    permission: COMMAND,
    call: s =>
      request(s)
        .post('/api/sindri/commands')
        .send({
          target: { instances: ['dev-1'] },
          command: { argv: ['true'] },
        }),
    allowed: 201,
    denied: 403,
  },
  // a run is visible only through instances the caller may read: without read it does not exist for them
  {
    name: 'GET /commands/{id}',
    permission: READ,
    call: (s, c) => request(s).get(`/api/sindri/commands/${c.runId}`),
    allowed: 200,
    denied: 404,
  },
  {
    name: 'GET /commands/{id}/stream',
    permission: READ,
    call: (s, c) => request(s).get(`/api/sindri/commands/${c.runId}/stream`),
    allowed: 200,
    denied: 404,
  },
  {
    name: 'POST /commands/{id}/cancel',
    permission: READ,
    call: (s, c) => request(s).post(`/api/sindri/commands/${c.runId}/cancel`),
    allowed: 202,
    denied: 404,
  },
  {
    name: 'GET /deployments/options',
    permission: CREATE,
    call: s => request(s).get('/api/sindri/deployments/options'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /config/validate',
    permission: CREATE,
    call: s =>
      request(s)
        .post('/api/sindri/config/validate')
        .send({ sindriYaml: 'version: "3.0"' }),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /deployments',
    permission: CREATE,
    call: s =>
      request(s).post('/api/sindri/deployments').send({
        name: 'dev-9',
        owner: 'group:default/platform',
        config: MINIMAL,
        dryRun: true,
      }),
    allowed: 202,
    denied: 403,
  },
  {
    name: 'POST /deployments (driver)',
    permission: DRIVER,
    call: s =>
      request(s).post('/api/sindri/deployments').send({
        name: 'dev-9',
        owner: 'group:default/platform',
        config: MINIMAL,
        dryRun: true,
      }),
    allowed: 202,
    denied: 403,
  },
  {
    name: 'POST /deployments (clone)',
    permission: READ,
    call: s =>
      request(s).post('/api/sindri/deployments').send({
        name: 'dev-9',
        owner: 'group:default/platform',
        cloneFrom: 'dev-1',
        dryRun: true,
      }),
    allowed: 202,
    denied: 403,
  },
  {
    name: 'GET /operations/{id}',
    permission: READ,
    call: (s, c) => request(s).get(`/api/sindri/operations/${c.operationId}`),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /operations/{id}/stream',
    permission: READ,
    call: (s, c) =>
      request(s).get(`/api/sindri/operations/${c.operationId}/stream`),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/deployment',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/deployment'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/operations',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/operations'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /instances/{name}/lifecycle',
    permission: LIFECYCLE,
    call: s =>
      request(s)
        .post('/api/sindri/instances/dev-1/lifecycle')
        .send({ action: 'suspend' }),
    allowed: 202,
    denied: 403,
  },
  {
    name: 'POST /instances/{name}/lifecycle (driver)',
    permission: DRIVER,
    call: s =>
      request(s)
        .post('/api/sindri/instances/dev-1/lifecycle')
        .send({ action: 'suspend' }),
    allowed: 202,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/cost',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/cost'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/usage',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/usage'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/security',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/security'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/sbom',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/sbom'),
    // dev-1's agent has not reported an inventory: permitted, and nothing to export
    allowed: 404,
    denied: 403,
  },
  {
    name: 'GET /fleet/security',
    permission: READ,
    call: s => request(s).get('/api/sindri/fleet/security'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /fleet/sbom',
    permission: READ,
    call: s => request(s).get('/api/sindri/fleet/sbom'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /fleet/cost',
    permission: READ,
    call: s => request(s).get('/api/sindri/fleet/cost'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /budgets',
    permission: BUDGET_READ,
    call: s => request(s).get('/api/sindri/budgets'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /budgets/estimate',
    permission: CREATE,
    call: s =>
      request(s)
        .post('/api/sindri/budgets/estimate')
        .send({ owner: 'group:default/team-a', sindriYaml: DEV1_YAML }),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'PUT /budgets/{}',
    permission: BUDGET_MANAGE,
    call: s =>
      request(s)
        .put(
          `/api/sindri/budgets/${encodeURIComponent('group:default/team-a')}`,
        )
        .send({ monthlyUsd: 100, enforcement: 'warn' }),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'DELETE /budgets/{}',
    permission: BUDGET_MANAGE,
    call: s =>
      request(s).delete(
        `/api/sindri/budgets/${encodeURIComponent('group:default/nobody')}`,
      ),
    allowed: 404,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/drift',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/drift'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/config/versions',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/config/versions'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/config/versions/{version}',
    permission: READ,
    call: s => request(s).get('/api/sindri/instances/dev-1/config/versions/1'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /instances/{name}/config/validate',
    permission: LIFECYCLE,
    call: s =>
      request(s)
        .post('/api/sindri/instances/dev-1/config/validate')
        .send({ sindriYaml: DEV1_YAML }),
    allowed: 200,
    denied: 403,
  },
  {
    // refused for renaming the instance: the guard answers before the validator
    name: 'POST /instances/{name}/config',
    permission: LIFECYCLE,
    call: s =>
      request(s)
        .post('/api/sindri/instances/dev-1/config')
        .send({
          sindriYaml: DEV1_YAML.replace('name: dev-1', 'name: dev-2'),
          baseVersion: 1,
        }),
    allowed: 400,
    denied: 403,
  },
  {
    name: 'GET /logs',
    permission: AUDIT,
    call: s => request(s).get('/api/sindri/logs?q=pip'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/logs',
    permission: AUDIT,
    call: s => request(s).get('/api/sindri/instances/dev-1/logs'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /logs/tail',
    permission: AUDIT,
    call: s => firstEvent(request(s).get('/api/sindri/logs/tail?q=pip')),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /instances/{name}/logs/tail',
    permission: AUDIT,
    call: s =>
      firstEvent(request(s).get('/api/sindri/instances/dev-1/logs/tail')),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /alerts',
    permission: READ,
    call: s => request(s).get('/api/sindri/alerts'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /alerts/{id}/deliveries',
    permission: READ,
    call: (s, c) =>
      request(s).get(`/api/sindri/alerts/${c.alertId}/deliveries`),
    allowed: 200,
    denied: 404,
  },
  {
    name: 'POST /alerts/{id}/acknowledge',
    permission: ALERT_RESPOND,
    call: (s, c) =>
      request(s).post(`/api/sindri/alerts/${c.alertId}/acknowledge`),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /alerts/{id}/silence',
    permission: ALERT_RESPOND,
    call: (s, c) =>
      request(s)
        .post(`/api/sindri/alerts/${c.alertId}/silence`)
        .send({ minutes: 5 }),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'DELETE /alerts/{id}/silence',
    permission: ALERT_RESPOND,
    call: (s, c) =>
      request(s).delete(`/api/sindri/alerts/${c.alertId}/silence`),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'GET /alert-rules',
    permission: ALERT_READ,
    call: s => request(s).get('/api/sindri/alert-rules'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /alert-rules',
    permission: ALERT_MANAGE,
    call: s => request(s).post('/api/sindri/alert-rules').send(ALERT_RULE),
    allowed: 201,
    denied: 403,
  },
  {
    name: 'PUT /alert-rules/{id}',
    permission: ALERT_MANAGE,
    call: s =>
      request(s)
        .put(`/api/sindri/alert-rules/${DEFAULT_RULE}`)
        .send(ALERT_RULE),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'DELETE /alert-rules/{id}',
    permission: ALERT_MANAGE,
    call: s => request(s).delete(`/api/sindri/alert-rules/${DEFAULT_RULE}`),
    allowed: 204,
    denied: 403,
  },
  {
    name: 'GET /alert-channels',
    permission: ALERT_MANAGE,
    call: s => request(s).get('/api/sindri/alert-channels'),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'POST /alert-channels',
    permission: ALERT_MANAGE,
    call: s =>
      request(s)
        .post('/api/sindri/alert-channels')
        .send({ name: 'pd', type: 'pagerduty', secret: 'routing-key' }),
    allowed: 201,
    denied: 403,
  },
  {
    name: 'PUT /alert-channels/{id}',
    permission: ALERT_MANAGE,
    call: (s, c) =>
      request(s).put(`/api/sindri/alert-channels/${c.channelId}`).send({
        name: 'hook',
        type: 'webhook',
        url: 'https://hooks.example.com/x',
      }),
    allowed: 200,
    denied: 403,
  },
  {
    name: 'DELETE /alert-channels/{id}',
    permission: ALERT_MANAGE,
    call: (s, c) =>
      request(s).delete(`/api/sindri/alert-channels/${c.channelId}`),
    allowed: 204,
    denied: 403,
  },
];

/** Routes that answer what the caller may see: without the permission, the same 200 with less in it. */
const filteringCalls: Array<{
  name: string;
  permission: string;
  call: (server: any) => request.Test;
  allowed: unknown;
  denied: unknown;
}> = [
  {
    name: 'GET /commands',
    permission: READ,
    call: s => request(s).get('/api/sindri/commands'),
    allowed: { items: [expect.objectContaining({ instances: ['dev-1'] })] },
    denied: { items: [] },
  },
  {
    name: 'POST /commands/targets',
    permission: COMMAND,
    call: s =>
      request(s)
        .post('/api/sindri/commands/targets')
        .send({ target: { instances: ['dev-1'] } }),
    allowed: { items: [{ name: 'dev-1', permitted: true }] },
    denied: { items: [{ name: 'dev-1', permitted: false }] },
  },
];

/**
 * The agents' routes: no user permission applies, the instance's own agent
 * token does (checked by one middleware before the spec's validator).
 */
const agentCalls: Array<{
  name: string;
  call: (server: any, token: string) => request.Test;
  allowed: number;
}> = [
  {
    name: 'POST /ingest',
    call: (s, token) =>
      request(s)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${token}`)
        .send({
          frames: [
            {
              type: 'heartbeat',
              heartbeat: {
                id: crypto.randomUUID(),
                at: new Date().toISOString(),
                uptimeSeconds: 1,
              },
            },
          ],
        }),
    allowed: 200,
  },
  {
    name: 'GET /agent/install.sh',
    call: (s, token) =>
      request(s)
        .get('/api/sindri/agent/install.sh')
        .set('Authorization', `Bearer ${token}`),
    allowed: 200,
  },
  {
    name: 'GET /agent/bundle',
    call: (s, token) =>
      request(s)
        .get('/api/sindri/agent/bundle')
        .set('Authorization', `Bearer ${token}`),
    allowed: 200,
  },
];

describe('the route tables', () => {
  it('name every operation of the spec but health and the WebSocket upgrades', () => {
    const spec = parseYaml(
      fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
    );
    const shape = (name: string) =>
      name.replace(/ \(.*\)$/, '').replace(/\{[^}]+\}/g, '{}');
    const operations = Object.entries<any>(spec.paths).flatMap(([route, ops]) =>
      Object.entries<any>(ops)
        .filter(([, op]) => op.operationId && !op['x-websocket'])
        .map(([method]) => shape(`${method.toUpperCase()} ${route}`)),
    );
    const listed = new Set(
      [...calls, ...filteringCalls, ...agentCalls].map(c => shape(c.name)),
    );
    expect(
      operations.filter(o => !listed.has(o) && o !== 'GET /health'),
    ).toEqual([]);
  });
});

describe("agent routes answer the instance's own token only", () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(agentCalls)('$name', async ({ call, allowed }) => {
    const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-bundle-'));
    fs.writeFileSync(path.join(bundleDir, 'sindri-agent.cjs'), '// agent\n');
    fs.writeFileSync(
      path.join(bundleDir, 'manifest.json'),
      JSON.stringify({
        version: '0.1.0',
        file: 'sindri-agent.cjs',
        sha256: '0'.repeat(64),
        bytes: 9,
        nativeDependencies: { 'node-pty': '^1.1.0' },
      }),
    );
    const backend = await startLiveBackend(await databases.init('SQLITE_3'), {
      config: { agents: { bundleDir } },
    });
    const { token, instanceId } = await enroll(backend.server, 'dev-1');
    expect((await call(backend.server, token)).status).toBe(allowed);
    expect((await call(backend.server, 'sindri_not_a_token')).status).toBe(401);
    await request(backend.server)
      .delete(`/api/sindri/enrollments/${instanceId}`)
      .set('Authorization', auth)
      .expect(204);
    expect((await call(backend.server, token)).status).toBe(401);
  });
});

describe('every route checks its permission', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  /** A backend with dev-1 registered and connected, and one command run on it, started with every permission. */
  async function setUp(deny: string[]) {
    const knex = await databases.init('SQLITE_3');
    // the list is read at each decision: the set-up itself runs with every permission
    const denied: string[] = [];
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-routes-'));
    // a local driver whose agent never needs to start: only plans and suspend run
    const backend = await startLiveBackend(knex, {
      denied,
      config: {
        alerts: { secretKey: 'a-test-key-of-at-least-32-characters!' },
        deployments: { workDir, catalogTimeout: { seconds: 0 } },
        drivers: {
          local: {
            enabled: true,
            allowNonLoopback: true,
            agentCommand: ['/bin/false'],
          },
        },
      },
    });
    const { token, instanceId } = await enroll(backend.server, 'dev-1');
    const agent = await ScriptedAgent.connect(backend.base, token, 'dev-1');
    const runId = crypto.randomUUID();
    await knex('command_runs').insert({
      id: runId,
      created_by: 'user:default/ops',
      created_at: new Date(),
      command: '{"argv":["true"]}',
      target: '{"instances":["dev-1"]}',
      timeout_s: 60,
      concurrency: 1,
      state: 'done',
    });
    await knex('command_results').insert({
      id: crypto.randomUUID(),
      run_id: runId,
      instance_id: instanceId,
      instance_name: 'dev-1',
      state: 'succeeded',
    });
    const operationId = crypto.randomUUID();
    const now = new Date();
    await knex('instance_deployments').insert({
      instance_id: instanceId,
      driver: 'local',
      state: 'running',
      sindri_yaml: DEV1_YAML,
      provider: 'docker',
      created_by: 'user:default/ops',
      created_at: now,
      updated_at: now,
    });
    await knex('instance_config_versions').insert({
      instance_id: instanceId,
      version: 1,
      sindri_yaml: DEV1_YAML,
      created_by: 'user:default/ops',
      created_at: now,
    });
    await knex('lifecycle_operations').insert({
      id: operationId,
      instance_id: instanceId,
      instance_name: 'dev-1',
      kind: 'deploy',
      driver: 'local',
      state: 'succeeded',
      actor: 'user:default/ops',
      log: '[]',
      started_at: now,
      finished_at: now,
    });
    const terminalSessionId = crypto.randomUUID();
    await knex('terminal_sessions').insert({
      id: terminalSessionId,
      instance_id: instanceId,
      instance_name: 'dev-1',
      session_id: 'session-ops-1',
      opened_by: 'user:default/ops',
      started_at: now,
      ended_at: now,
    });
    const alertId = '01KB0000000000000000000001';
    await knex('sindri_alerts').insert({
      id: alertId,
      rule_id: DEFAULT_RULE,
      rule_name: 'Heartbeat lost',
      instance_id: instanceId,
      instance_name: 'dev-1',
      open_key: `${DEFAULT_RULE}:${instanceId}`,
      state: 'firing',
      severity: 'critical',
      summary: 'No heartbeat received',
      pending_since: now,
      last_true_at: now,
      fired_at: now,
    });
    const channelId = crypto.randomUUID();
    await knex('sindri_alert_channels').insert({
      id: channelId,
      name: 'hook',
      type: 'webhook',
      url: 'https://hooks.example.com/x',
      updated_at: now,
    });
    denied.push(...deny);
    return {
      /** from now on, every permission is granted */
      grantAll: () => denied.splice(0),
      alertId,
      channelId,
      ...backend,
      agent,
      runId,
      instanceId,
      operationId,
      terminalSessionId,
      knex,
    };
  }

  // refused first, then granted on the same backend: a refusal changes nothing the granted call needs
  it.each(calls)(
    '$name: refused without $permission, then allowed with it',
    async ({ name, permission, call, allowed, denied }) => {
      const backend = await setUp([permission]);
      const res = await call(backend.server, backend).set(
        'Authorization',
        auth,
      );
      expect(res.status).toBe(denied);
      // a refusal names the permission; a run the caller may not read is simply not found
      const notFound = name.includes('alert') ? 'no alert' : 'no command run';
      expect(res.body.error.message).toContain(
        denied === 403 ? permission : notFound,
      );

      backend.grantAll();
      expect(
        (await call(backend.server, backend).set('Authorization', auth)).status,
      ).toBe(allowed);
    },
  );

  it.each(filteringCalls)(
    '$name: less without $permission, everything with it',
    async ({ permission, call, allowed, denied }) => {
      const backend = await setUp([permission]);
      const less = await call(backend.server).set('Authorization', auth);
      expect([less.status, less.body]).toEqual([200, denied]);
      backend.grantAll();
      const all = await call(backend.server).set('Authorization', auth);
      expect([all.status, all.body]).toEqual([200, allowed]);
    },
  );

  it('POST /deployments: a user creates instances for themselves or their groups; an admin for anyone', async () => {
    const body = (owner: string) => ({
      name: 'dev-9',
      owner,
      config: MINIMAL,
      dryRun: true,
    });
    const user = await setUp([ENROLL]);
    const foreign = await request(user.server)
      .post('/api/sindri/deployments')
      .set('Authorization', auth)
      .send(body('group:default/platform'));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toBe(
      'owner: you may create instances owned by yourself or your groups, not group:default/platform',
    );
    expect(
      (
        await request(user.server)
          .post('/api/sindri/deployments')
          .set('Authorization', auth)
          .send(body('user:default/ops'))
      ).status,
    ).toBe(202);
  });

  it('GET /operations/{id}: a plan is seen by its author, and by others only with sindri.enrollment.manage', async () => {
    const own = crypto.randomUUID();
    const other = crypto.randomUUID();
    const refused = await setUp([ENROLL]);
    const plan = (id: string, actor: string) => ({
      id,
      instance_name: 'dev-9',
      kind: 'plan',
      driver: 'local',
      state: 'failed',
      actor,
      log: '[]',
      started_at: new Date(),
      finished_at: new Date(),
    });
    await refused
      .knex('lifecycle_operations')
      .insert([
        plan(own, 'user:default/ops'),
        plan(other, 'user:default/someone-else'),
      ]);
    expect(
      (
        await request(refused.server)
          .get(`/api/sindri/operations/${own}`)
          .set('Authorization', auth)
      ).status,
    ).toBe(200);
    expect(
      (
        await request(refused.server)
          .get(`/api/sindri/operations/${other}`)
          .set('Authorization', auth)
      ).status,
    ).toBe(404);
    const admin = await setUp([]);
    await admin
      .knex('lifecycle_operations')
      .insert(plan(other, 'user:default/someone-else'));
    expect(
      (
        await request(admin.server)
          .get(`/api/sindri/operations/${other}`)
          .set('Authorization', auth)
      ).status,
    ).toBe(200);
  });

  it('GET /commands lists nothing without sindri.instance.read', async () => {
    const granted = await setUp([]);
    expect(
      (
        await request(granted.server)
          .get('/api/sindri/commands')
          .set('Authorization', auth)
      ).body.items,
    ).toHaveLength(1);
    const refused = await setUp([READ]);
    const res = await request(refused.server)
      .get('/api/sindri/commands')
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('POST /commands/targets marks instances without sindri.instance.command as not permitted', async () => {
    const body = { target: { instances: ['dev-1'] } };
    const granted = await setUp([]);
    expect(
      (
        await request(granted.server)
          .post('/api/sindri/commands/targets')
          .set('Authorization', auth)
          .send(body)
      ).body.items,
    ).toEqual([{ name: 'dev-1', permitted: true }]);
    const refused = await setUp([COMMAND]);
    expect(
      (
        await request(refused.server)
          .post('/api/sindri/commands/targets')
          .set('Authorization', auth)
          .send(body)
      ).body.items,
    ).toEqual([{ name: 'dev-1', permitted: false }]);
  });

  it('the terminal WebSocket: upgraded with sindri.instance.terminal, 403 without it', async () => {
    const cookie = {
      Cookie: mockCredentials.limitedUser.cookie('user:default/ops'),
    };
    const granted = await setUp([]);
    const ws = new WebSocket(
      TerminalClient.url(granted.base, 'dev-1', 'perm-session-1'),
      { headers: cookie },
    );
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', (_req, r) =>
        reject(new Error(`refused with ${r.statusCode}`)),
      );
    });
    ws.close();
    const refused = await setUp([TERMINAL]);
    expect(
      (
        await TerminalClient.refusal(
          TerminalClient.url(refused.base, 'dev-1', 'perm-session-1'),
          cookie,
        )
      ).status,
    ).toBe(403);
  });

  it('shows what was done on an instance to its author and audit readers, not to every reader', async () => {
    const other = 'user:default/someone-else';
    const set = async (deny: string[]) => {
      const ctx = await setUp(deny);
      // everything on dev-1 was done by someone else
      await ctx.knex('command_runs').update({ created_by: other });
      await ctx.knex('instance_deployments').update({ created_by: other });
      await ctx.knex('lifecycle_operations').update({
        actor: other,
        log: '["deploying with the local driver"]',
        message: 'the driver said so',
      });
      await ctx.knex('terminal_sessions').update({ opened_by: other });
      await ctx
        .knex('command_results')
        .update({ stdout_tail: 'secret output' });
      return ctx;
    };
    const get = (server: any, route: string) =>
      request(server).get(`/api/sindri${route}`).set('Authorization', auth);

    const reader = await set([AUDIT]);
    expect((await get(reader.server, '/commands')).body.items).toEqual([]);
    expect((await get(reader.server, `/commands/${reader.runId}`)).status).toBe(
      404,
    );
    expect(
      (await get(reader.server, `/commands/${reader.runId}/stream`)).status,
    ).toBe(404);
    expect(
      (await get(reader.server, '/instances/dev-1/terminal-sessions')).body
        .items,
    ).toEqual([]);
    const deployment = (await get(reader.server, '/instances/dev-1/deployment'))
      .body;
    expect(deployment).toMatchObject({
      state: 'running',
      sindriYamlHidden: true,
    });
    expect(deployment.sindriYaml).toBeUndefined();
    const [operation] = (
      await get(reader.server, '/instances/dev-1/operations')
    ).body.items;
    expect(operation).toMatchObject({
      kind: 'deploy',
      log: [],
      logHidden: true,
    });
    expect(operation.message).toBeUndefined();
    expect(
      (await get(reader.server, `/operations/${reader.operationId}`)).body,
    ).toMatchObject({ log: [], logHidden: true });
    expect(
      (await get(reader.server, `/operations/${reader.operationId}/stream`))
        .status,
    ).toBe(403);

    const auditor = await set([]);
    expect((await get(auditor.server, '/commands')).body.items).toHaveLength(1);
    expect(
      (await get(auditor.server, `/commands/${auditor.runId}`)).body.results[0]
        .stdout,
    ).toBe('secret output');
    expect(
      (await get(auditor.server, '/instances/dev-1/terminal-sessions')).body
        .items,
    ).toHaveLength(1);
    expect(
      (await get(auditor.server, '/instances/dev-1/deployment')).body
        .sindriYaml,
    ).toContain('name: dev-1');
    expect(
      (await get(auditor.server, `/operations/${auditor.operationId}`)).body,
    ).toMatchObject({
      log: ['deploying with the local driver'],
      message: 'the driver said so',
    });
  });

  it('answers a name the caller may not read exactly as one that does not exist', async () => {
    const refused = await setUp([READ]);
    const post = (name: string) =>
      request(refused.server)
        .post('/api/sindri/commands')
        .set('Authorization', auth)
        .send({ target: { instances: [name] }, command: { argv: ['true'] } });
    const hidden = await post('dev-1');
    const missing = await post('dev-404');
    expect([hidden.status, missing.status]).toEqual([400, 400]);
    expect(hidden.body.error.message.replace('dev-1', 'NAME')).toBe(
      missing.body.error.message.replace('dev-404', 'NAME'),
    );
    const preview = await request(refused.server)
      .post('/api/sindri/commands/targets')
      .set('Authorization', auth)
      .send({ target: { instances: ['dev-1'] } });
    expect(preview.status).toBe(400);
  });

  it('offers only the drivers the caller may use', async () => {
    expect(
      (
        await request((await setUp([])).server)
          .get('/api/sindri/deployments/options')
          .set('Authorization', auth)
      ).body.drivers.map((d: any) => d.id),
    ).toEqual(['local']);
    const refused = await setUp([DRIVER]);
    const options = (
      await request(refused.server)
        .get('/api/sindri/deployments/options')
        .set('Authorization', auth)
    ).body;
    expect(options.drivers).toEqual([]);
    expect(options.defaultDriver).toBeUndefined();
  });

  it('refuses a guarded sindri.yaml field to a caller not allowed it, naming the field', async () => {
    const privileged = {
      ...MINIMAL,
      providers: { docker: { privileged: true, network: 'host' } },
    };
    const body = {
      name: 'dev-9',
      owner: 'group:default/platform',
      config: privileged,
      dryRun: true,
    };
    const refused = await setUp([FIELD]);
    const res = await request(refused.server)
      .post('/api/sindri/deployments')
      .set('Authorization', auth)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^config: the portal does not deploy this sindri\.yaml: \/providers\/docker\/privileged: .*; \/providers\/docker\/network: /,
    );
    const validated = await request(refused.server)
      .post('/api/sindri/config/validate')
      .set('Authorization', auth)
      .send({
        sindriYaml:
          'version: "3.0"\nname: x\ndeployment: { provider: docker }\nextensions: { profile: minimal }\nproviders: { docker: { privileged: true } }\n',
      });
    expect(validated.body).toMatchObject({
      valid: false,
      issues: [
        expect.objectContaining({ pointer: '/providers/docker/privileged' }),
      ],
    });
    const granted = await setUp([]);
    expect(
      (
        await request(granted.server)
          .post('/api/sindri/deployments')
          .set('Authorization', auth)
          .send(body)
      ).status,
    ).toBe(202);
  });

  it('a cookie (limited) credential opens terminals but no other route', async () => {
    const granted = await setUp([]);
    const res = await request(granted.server)
      .get('/api/sindri/instances/dev-1')
      .set('Cookie', mockCredentials.limitedUser.cookie('user:default/ops'));
    expect(res.status).toBe(401);
  });
});
