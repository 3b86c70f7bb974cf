import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { mockServices } from '@backstage/backend-test-utils';
import { sindriPermissions } from '@internal/plugin-sindri-common';
import { readRoleMapping } from './roles';
import { SindriPermissionPolicy } from './SindriPermissionPolicy';
import { PERMISSION_TABLE } from './permissionTable';

const settings = readRoleMapping(
  new ConfigReader({
    sindri: {
      permissions: {
        roles: {
          admin: ['group:default/sindri-admins'],
          operator: ['group:default/sre'],
          developer: ['group:default/devs'],
          viewer: ['group:default/auditors'],
        },
        defaultRole: 'none',
        allowedFields: { operator: ['kubernetes-namespace'] },
      },
    },
  }),
);
const policy = new SindriPermissionPolicy(settings);

const user = (...groups: string[]): PolicyQueryUser =>
  ({
    identity: {
      type: 'user',
      userEntityRef: 'user:default/pat',
      ownershipEntityRefs: ['user:default/pat', ...groups],
    },
    info: {
      userEntityRef: 'user:default/pat',
      ownershipEntityRefs: ['user:default/pat', ...groups],
    },
    credentials: {} as any,
    token: 'x',
  } as unknown as PolicyQueryUser);

const ADMIN = user('group:default/sindri-admins');
const OPERATOR = user('group:default/sre');
const DEVELOPER = user('group:default/devs');
const VIEWER = user('group:default/auditors');
const NOBODY = user();

/** A permission as a plugin would send it: its name, resource type and action. */
function permissionNamed(name: string) {
  const sindri = sindriPermissions.find(p => p.name === name);
  if (sindri) return sindri;
  const resourceType: Record<string, string> = {
    'catalog.entity.read': 'catalog-entity',
    'catalog.entity.delete': 'catalog-entity',
    'catalog.entity.refresh': 'catalog-entity',
    'scaffolder.task.read': 'scaffolder-task',
    'scaffolder.task.cancel': 'scaffolder-task',
    'scaffolder.template.parameter.read': 'scaffolder-template',
    'scaffolder.template.step.read': 'scaffolder-template',
    'scaffolder.action.execute': 'scaffolder-action',
  };
  return resourceType[name]
    ? createPermission({
        name,
        attributes: {},
        resourceType: resourceType[name],
      })
    : createPermission({ name, attributes: {} });
}

async function decide(name: string, u: PolicyQueryUser | undefined) {
  return policy.handle({ permission: permissionNamed(name) as any }, u);
}

async function results(names: string[], u: PolicyQueryUser | undefined) {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = (await decide(name, u)).result;
  return out;
}

const { ALLOW, DENY, CONDITIONAL } = AuthorizeResult;

describe('SindriPermissionPolicy', () => {
  it('gives each role its Sindri permissions', async () => {
    const names = [
      'sindri.instance.read',
      'sindri.instance.audit.read',
      'sindri.instance.terminal',
      'sindri.instance.command',
      'sindri.instance.lifecycle',
      'sindri.instance.create',
      'sindri.enrollment.manage',
    ];
    const row = (...r: string[]) =>
      Object.fromEntries(names.map((n, i) => [n, r[i]]));
    expect(await results(names, ADMIN)).toEqual(
      row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW),
    );
    expect(await results(names, OPERATOR)).toEqual(
      row(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, DENY),
    );
    expect(await results(names, DEVELOPER)).toEqual(
      row(
        CONDITIONAL,
        CONDITIONAL,
        CONDITIONAL,
        DENY,
        CONDITIONAL,
        ALLOW,
        DENY,
      ),
    );
    expect(await results(names, VIEWER)).toEqual(
      row(ALLOW, CONDITIONAL, DENY, DENY, DENY, DENY, DENY),
    );
    expect(await results(names, NOBODY)).toEqual(
      row(DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    );
  });

  it("takes the strongest role of the user's groups", async () => {
    expect(
      (
        await decide(
          'sindri.instance.command',
          user('group:default/auditors', 'group:default/sre'),
        )
      ).result,
    ).toBe(ALLOW);
  });

  it('limits developers to what they or their groups own', async () => {
    expect(await decide('sindri.instance.terminal', DEVELOPER)).toEqual({
      result: CONDITIONAL,
      pluginId: 'sindri',
      resourceType: 'sindri-instance',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'sindri-instance',
        params: { claims: ['user:default/pat', 'group:default/devs'] },
      },
    });
  });

  it('keeps the local driver for admins and guarded fields for the roles allowed them', async () => {
    expect((await decide('sindri.driver.use', ADMIN)).result).toBe(ALLOW);
    expect(await decide('sindri.driver.use', DEVELOPER)).toMatchObject({
      result: CONDITIONAL,
      conditions: {
        not: { rule: 'IS_DRIVER', params: { drivers: ['local'] } },
      },
    });
    expect((await decide('sindri.driver.use', VIEWER)).result).toBe(DENY);
    expect((await decide('sindri.config.field.set', ADMIN)).result).toBe(ALLOW);
    expect(await decide('sindri.config.field.set', OPERATOR)).toMatchObject({
      result: CONDITIONAL,
      conditions: {
        rule: 'IS_FIELD',
        params: { fields: ['kubernetes-namespace'] },
      },
    });
    expect((await decide('sindri.config.field.set', DEVELOPER)).result).toBe(
      DENY,
    );
  });

  it('shows instance entities in the catalog as sindri.instance.read would', async () => {
    expect((await decide('catalog.entity.read', VIEWER)).result).toBe(ALLOW);
    expect(await decide('catalog.entity.read', DEVELOPER)).toEqual({
      result: CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            not: {
              allOf: [
                {
                  rule: 'IS_ENTITY_KIND',
                  resourceType: 'catalog-entity',
                  params: { kinds: ['resource'] },
                },
                {
                  rule: 'HAS_SPEC',
                  resourceType: 'catalog-entity',
                  params: { key: 'type', value: 'sindri-instance' },
                },
              ],
            },
          },
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['user:default/pat', 'group:default/devs'] },
          },
        ],
      },
    });
    expect(await decide('catalog.entity.read', NOBODY)).toMatchObject({
      result: CONDITIONAL,
      conditions: { not: { allOf: expect.any(Array) } },
    });
  });

  it('leaves catalog writes to the catalog managers, admins by default', async () => {
    const writes = [
      'catalog.location.create',
      'catalog.location.delete',
      'catalog.entity.delete',
      'catalog.entity.refresh',
      'catalog.entity.create',
    ];
    for (const u of [OPERATOR, DEVELOPER, VIEWER, NOBODY])
      expect(Object.values(await results(writes, u))).toEqual(
        writes.map(() => DENY),
      );
    expect(Object.values(await results(writes, ADMIN))).toEqual(
      writes.map(() => ALLOW),
    );
    const widened = new SindriPermissionPolicy({
      ...settings,
      catalogManagers: ['admin', 'operator'],
    });
    expect(
      (
        await widened.handle(
          { permission: permissionNamed('catalog.location.create') as any },
          OPERATOR,
        )
      ).result,
    ).toBe(ALLOW);
  });

  it('shows a scaffolder task to its author, and every task to operators and admins', async () => {
    expect((await decide('scaffolder.task.read', OPERATOR)).result).toBe(ALLOW);
    expect(await decide('scaffolder.task.read', VIEWER)).toMatchObject({
      result: CONDITIONAL,
      pluginId: 'scaffolder',
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/pat'] },
      },
    });
    expect((await decide('scaffolder.task.create', VIEWER)).result).toBe(DENY);
  });

  it('refuses a permission the table does not decide, for everyone', async () => {
    for (const u of [ADMIN, OPERATOR, NOBODY, undefined])
      expect((await decide('someplugin.thing.do', u)).result).toBe(DENY);
  });

  it('logs an undecided permission once', async () => {
    const logger = mockServices.logger.mock();
    const logging = new SindriPermissionPolicy(settings, logger);
    await logging.handle(
      { permission: createPermission({ name: 'other.x', attributes: {} }) },
      ADMIN,
    );
    await logging.handle(
      { permission: createPermission({ name: 'other.x', attributes: {} }) },
      ADMIN,
    );
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('decides every permission it names for every role without throwing', async () => {
    for (const row of PERMISSION_TABLE) {
      for (const u of [ADMIN, OPERATOR, DEVELOPER, VIEWER, NOBODY])
        await expect(decide(row.name, u)).resolves.toHaveProperty('result');
    }
  });

  it('refuses bad settings, naming the key', () => {
    expect(() =>
      readRoleMapping(
        new ConfigReader({ sindri: { permissions: { defaultRole: 'root' } } }),
      ),
    ).toThrow(/^sindri\.permissions\.defaultRole: /);
    expect(() =>
      readRoleMapping(
        new ConfigReader({
          sindri: { permissions: { catalogManagers: ['admin', 'everyone'] } },
        }),
      ),
    ).toThrow(/^sindri\.permissions\.catalogManagers\[1\]: /);
    expect(() =>
      readRoleMapping(
        new ConfigReader({
          sindri: { permissions: { allowedFields: { developer: ['root'] } } },
        }),
      ),
    ).toThrow(/^sindri\.permissions\.allowedFields\.developer\[0\]: /);
  });
});
