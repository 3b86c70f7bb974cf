import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthService,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { urlReaderServiceFactory } from '@backstage/backend-defaults/urlReader';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { PERMISSION_TABLE } from '@internal/plugin-permission-backend-module-sindri-policy';
import request from 'supertest';
import yaml from 'yaml';
import { portalFeatures } from '../features';
import { pollUntil } from '@internal/plugin-sindri-common';

/** A registration as an agent sends it. */
const registration = (name: string) => ({
  instanceId: `i-${name}`,
  name,
  provider: 'docker',
  hostname: `${name}.internal`,
  os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
  agentVersion: '0.1.0',
  bootTime: new Date(Date.now() - 60_000).toISOString(),
  heartbeatIntervalSeconds: 10,
  extensions: [{ name: 'nodejs', version: '1.0.0' }],
});

jest.setTimeout(180_000);

const repoRoot = path.resolve(__dirname, '../../../..');
const shipped = (file: string) =>
  yaml.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
const USERS = {
  admin: 'user:default/ada',
  operator: 'user:default/olga',
  developer: 'user:default/dev',
  viewer: 'user:default/vera',
  none: 'user:default/nobody',
};
const as = (user: string) => mockCredentials.user.header(user);

/** Records the plugins this backend runs. */
let installed: RootInstanceMetadataService | undefined;
const probe = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: { meta: coreServices.rootInstanceMetadata },
      async init({ meta }) {
        installed = meta;
      },
    });
  },
});

/**
 * The test auth service, but a token a plugin sends on a user's behalf names
 * that plugin as the actor, as real Backstage tokens do: the permission
 * backend takes conditional requests only from plugins acting for a user.
 */
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const inner = mockServices.auth({ pluginId: plugin.getId() });
    const prefix = 'mock-service-token:';
    return {
      getNoneCredentials: () => inner.getNoneCredentials(),
      getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
      isPrincipal: inner.isPrincipal.bind(inner) as AuthService['isPrincipal'],
      getPluginRequestToken: options => inner.getPluginRequestToken(options),
      getLimitedUserToken: credentials =>
        inner.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => inner.listPublicServiceKeys(),
      async authenticate(token, options) {
        if (token.startsWith(prefix)) {
          const { sub, obo } = JSON.parse(token.slice(prefix.length));
          if (obo)
            return mockCredentials.user(obo, {
              actor: { subject: sub },
            }) as any;
        }
        return inner.authenticate(token, options);
      },
    };
  },
});

describe("the portal's guards, with every plugin it runs", () => {
  let backend: TestBackend;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-security-'));
  const orgFile = path.join(dir, 'org.yaml');
  const attackFile = path.join(dir, 'attack.yaml');
  // where a user would publish it: any URL the catalog may read
  const cleanFile = path.join(dir, 'clean.yaml');
  const publisher = http.createServer((req, res) =>
    res.end(
      fs.readFileSync(req.url === '/clean.yaml' ? cleanFile : attackFile),
    ),
  );
  let attackUrl = '';
  let cleanUrl = '';

  beforeAll(async () => {
    await new Promise<void>(resolve =>
      publisher.listen(0, '127.0.0.1', resolve),
    );
    const publisherHost = `127.0.0.1:${
      (publisher.address() as AddressInfo).port
    }`;
    attackUrl = `http://${publisherHost}/attack.yaml`;
    cleanUrl = `http://${publisherHost}/clean.yaml`;
    fs.writeFileSync(
      cleanFile,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: honest-service }\nspec: { type: service, lifecycle: experimental, owner: user:default/ada }\n',
    );
    fs.writeFileSync(
      orgFile,
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: sindri-admins }\nspec: { type: team, children: [] }',
        'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: ada }\nspec: { memberOf: [sindri-admins] }',
        [
          'apiVersion: scaffolder.backstage.io/v1beta3',
          'kind: Template',
          'metadata: { name: echo, title: Echo }',
          'spec:',
          '  owner: group:default/sindri-admins',
          '  type: service',
          '  steps:',
          '    - { id: log, name: Log, action: debug:log, input: { message: hello } }',
        ].join('\n'),
      ].join('\n---\n'),
    );
    // what a user would publish to become an admin: themselves as a member of the admin group
    fs.writeFileSync(
      attackFile,
      [
        'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: mallory }\nspec: { memberOf: [sindri-admins] }',
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: mallory-admins }\nspec: { type: team, children: [], members: [mallory] }',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: mallory-service }\nspec: { type: service, lifecycle: experimental, owner: user:default/mallory }',
      ].join('\n---\n'),
    );
    backend = await startTestBackend({
      features: [
        ...portalFeatures(),
        probe,
        authWithActors,
        // the real ones: requests authenticated by the auth service above, events
        // delivered between plugins, tasks run on their schedules
        httpAuthServiceFactory,
        eventsServiceFactory,
        schedulerServiceFactory,
        urlReaderServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { reading: { allow: [{ host: publisherHost }] } },
            permission: { enabled: true },
            catalog: {
              // the catalog rules the portal ships with
              rules: shipped('app-config.yaml').catalog.rules,
              locations: [
                {
                  type: 'file',
                  target: orgFile,
                  rules: [{ allow: ['User', 'Group'] }],
                },
              ],
            },
            search: {
              collators: {
                catalog: {
                  schedule: {
                    frequency: { seconds: 2 },
                    timeout: { minutes: 1 },
                    initialDelay: { seconds: 1 },
                    scope: 'local',
                  },
                },
              },
            },
            techdocs: {
              builder: 'local',
              generator: { runIn: 'local' },
              publisher: { type: 'local' },
            },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [{ type: 'config', clusters: [] }],
            },
            sindri: {
              registry: { path: path.join(repoRoot, 'registry/sindri-v3') },
              catalog: { instances: { schedule: { frequencySeconds: 2 } } },
              permissions: {
                roles: {
                  admin: [USERS.admin],
                  operator: [USERS.operator],
                  developer: [USERS.developer],
                  viewer: [USERS.viewer],
                },
                defaultRole: 'none',
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await new Promise(resolve => publisher.close(resolve));
  });

  const entity = (user: string, ref: string) =>
    request(backend.server)
      .get(`/api/catalog/entities/by-name/${ref}`)
      .set('Authorization', as(user));

  it("ships catalog rules that take User and Group entities only from the organisation's own location", () => {
    for (const file of ['app-config.yaml', 'app-config.production.yaml']) {
      const { catalog } = { ...shipped('app-config.yaml'), ...shipped(file) };
      const global = catalog.rules.flatMap((r: { allow: string[] }) => r.allow);
      expect([
        file,
        global.filter((kind: string) => ['User', 'Group'].includes(kind)),
      ]).toEqual([file, []]);
      const withPeople = catalog.locations.filter((l: any) =>
        (l.rules ?? []).some(
          (r: any) => r.allow.includes('User') || r.allow.includes('Group'),
        ),
      );
      expect([
        file,
        withPeople.map((l: any) => path.basename(l.target)),
      ]).toEqual([file, ['org.yaml']]);
    }
  });

  it("takes User and Group entities only from the organisation's locations, and locations only from admins", async () => {
    await pollUntil(
      async () =>
        (await entity(USERS.admin, 'user/default/ada')).status === 200,
      "the org's users",
      60_000,
    );
    const register = (user: string, target = attackUrl) =>
      request(backend.server)
        .post('/api/catalog/locations')
        .set('Authorization', as(user))
        .send({ type: 'url', target });
    for (const user of [
      USERS.operator,
      USERS.developer,
      USERS.viewer,
      USERS.none,
    ]) {
      const refused = await register(user);
      expect([user, refused.status]).toEqual([user, 403]);
    }
    // refreshing and deleting entities is the catalog managers' too
    const refresh = await request(backend.server)
      .post('/api/catalog/refresh')
      .set('Authorization', as(USERS.developer))
      .send({ entityRef: 'user:default/ada' });
    expect(refresh.status).toBe(403);

    // an admin's locations are taken, but no location other than the organisation's may bring users or
    // groups: the one that tries is refused. A clean one registered after it shows it has been processed.
    expect((await register(USERS.admin)).status).toBe(201);
    expect((await register(USERS.admin, cleanUrl)).status).toBe(201);
    await pollUntil(
      async () =>
        (
          await entity(USERS.admin, 'component/default/honest-service')
        ).status === 200,
      "the clean location's component",
      60_000,
    );
    expect((await entity(USERS.admin, 'user/default/mallory')).status).toBe(
      404,
    );
    expect(
      (await entity(USERS.admin, 'group/default/mallory-admins')).status,
    ).toBe(404);
  });

  it('decides every permission of every plugin it runs, and names no permission that none registers', async () => {
    const plugins = (await installed!.getInstalledPlugins())
      .map(p => p.pluginId)
      .filter(id => id !== 'probe');
    expect(plugins).toEqual(
      expect.arrayContaining([
        'catalog',
        'scaffolder',
        'kubernetes',
        'sindri',
        'permission',
        'search',
        'techdocs',
      ]),
    );
    const registered = new Set<string>();
    for (const pluginId of plugins) {
      const res = await request(backend.server)
        .get(`/api/${pluginId}/.well-known/backstage/permissions/metadata`)
        .set('Authorization', mockCredentials.service.header());
      if (res.status === 404) continue;
      expect([pluginId, res.status]).toEqual([pluginId, 200]);
      for (const p of res.body.permissions ?? []) registered.add(p.name);
    }
    const decided = new Set(PERMISSION_TABLE.map(r => r.name));
    expect([...registered].filter(name => !decided.has(name))).toEqual([]);
    expect([...decided].filter(name => !registered.has(name))).toEqual([]);
  });

  it("shows an instance's entity, relations and search hit only to those who may read the instance", async () => {
    // two instances, registered by their agents: one the developer owns, one another group's
    for (const [name, owner] of [
      ['dev-own', USERS.developer],
      ['other-box', 'group:default/other'],
    ]) {
      const enrolled = await request(backend.server)
        .post('/api/sindri/enrollments')
        .set('Authorization', as(USERS.admin))
        .send({ name, owner });
      expect(enrolled.status).toBe(201);
      const registered = await request(backend.server)
        .post('/api/sindri/ingest')
        .set('Authorization', `Bearer ${enrolled.body.token}`)
        .send({
          frames: [{ type: 'register', registration: registration(name) }],
        });
      expect(registered.body.results[0].type).toBe('ack');
    }
    await pollUntil(
      async () =>
        (await entity(USERS.admin, 'resource/default/other-box')).status ===
        200,
      'the instance entities',
      60_000,
    );
    await pollUntil(
      async () =>
        (await entity(USERS.admin, 'resource/default/dev-own')).status === 200,
      'the instance entities',
      60_000,
    );

    const instances = async (user: string) =>
      (
        await request(backend.server)
          .get('/api/catalog/entities?filter=spec.type=sindri-instance')
          .set('Authorization', as(user))
      ).body
        .map((e: any) => e.metadata.name)
        .sort();
    expect(await instances(USERS.viewer)).toEqual(['dev-own', 'other-box']);
    expect(await instances(USERS.operator)).toEqual(['dev-own', 'other-box']);
    expect(await instances(USERS.developer)).toEqual(['dev-own']);
    expect(await instances(USERS.none)).toEqual([]);
    expect(
      (await entity(USERS.developer, 'resource/default/other-box')).status,
    ).toBe(404);
    expect((await entity(USERS.none, 'resource/default/dev-own')).status).toBe(
      404,
    );
    // the rest of the catalog stays readable to everyone signed in
    expect(
      (await entity(USERS.none, 'component/sindri/playwright')).status,
    ).toBe(200);
    // by ref (how the catalog graph and relation cards load an entity's neighbours)
    const byRefs = await request(backend.server)
      .post('/api/catalog/entities/by-refs')
      .set('Authorization', as(USERS.developer))
      .send({
        entityRefs: ['resource:default/other-box', 'resource:default/dev-own'],
      });
    expect(byRefs.body.items.map((e: any) => e?.metadata.name ?? null)).toEqual(
      [null, 'dev-own'],
    );

    const hits = async (user: string, term: string) =>
      (
        await request(backend.server)
          .get(`/api/search/query?term=${term}&types[0]=software-catalog`)
          .set('Authorization', as(user))
      ).body.results.map((r: any) => r.document.title);
    await pollUntil(
      async () => (await hits(USERS.viewer, 'other-box')).includes('other-box'),
      'the search index',
      90_000,
    );
    expect(await hits(USERS.developer, 'other-box')).not.toContain('other-box');
    expect(await hits(USERS.none, 'dev-own')).not.toContain('dev-own');
    expect(await hits(USERS.developer, 'dev-own')).toContain('dev-own');
  });

  it('shows a scaffolder task, and its log, to its author and to operators and admins', async () => {
    await pollUntil(
      async () =>
        (await entity(USERS.admin, 'template/default/echo')).status === 200,
      'the template',
      60_000,
    );
    const created = await request(backend.server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', as(USERS.developer))
      .send({ templateRef: 'template:default/echo', values: {} });
    expect(created.status).toBe(201);
    const task = (user: string) =>
      request(backend.server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
        .set('Authorization', as(user));
    const events = (user: string) =>
      request(backend.server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set('Authorization', as(user));
    expect((await task(USERS.developer)).status).toBe(200);
    expect((await task(USERS.operator)).status).toBe(200);
    expect((await task(USERS.admin)).status).toBe(200);
    for (const user of [
      USERS.viewer,
      USERS.none,
      USERS.admin.replace('ada', 'dev2'),
    ]) {
      expect([user, (await task(user)).status]).toEqual([user, 403]);
      expect([user, (await events(user)).status]).toEqual([user, 403]);
    }
    expect(
      (
        await request(backend.server)
          .post('/api/scaffolder/v2/tasks')
          .set('Authorization', as(USERS.viewer))
          .send({ templateRef: 'template:default/echo', values: {} })
      ).status,
    ).toBe(403);
  });
});
