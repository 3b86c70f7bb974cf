import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  sindriEnrollmentManagePermission,
  sindriInstanceCommandPermission,
  sindriInstanceCreatePermission,
  sindriInstanceLifecyclePermission,
  sindriInstanceReadPermission,
  sindriInstanceTerminalPermission,
} from '@internal/plugin-sindri-common';
import { readRoleMapping } from './roles';
import { SindriPermissionPolicy } from './SindriPermissionPolicy';

const policy = new SindriPermissionPolicy(
  readRoleMapping(
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
        },
      },
    }),
  ),
);

const user = (...groups: string[]): PolicyQueryUser =>
  ({
    identity: { type: 'user', userEntityRef: 'user:default/pat', ownershipEntityRefs: ['user:default/pat', ...groups] },
    info: { userEntityRef: 'user:default/pat', ownershipEntityRefs: ['user:default/pat', ...groups] },
    credentials: {} as any,
    token: 'x',
  }) as unknown as PolicyQueryUser;

const permissions = {
  read: sindriInstanceReadPermission,
  terminal: sindriInstanceTerminalPermission,
  command: sindriInstanceCommandPermission,
  lifecycle: sindriInstanceLifecyclePermission,
  create: sindriInstanceCreatePermission,
  tokens: sindriEnrollmentManagePermission,
};

async function decisions(u: PolicyQueryUser | undefined) {
  const out: Record<string, string> = {};
  for (const [name, permission] of Object.entries(permissions)) {
    out[name] = (await policy.handle({ permission }, u)).result;
  }
  return out;
}

describe('SindriPermissionPolicy', () => {
  it('gives each role its permissions', async () => {
    const { ALLOW, DENY, CONDITIONAL } = AuthorizeResult;
    expect(await decisions(user('group:default/sindri-admins'))).toEqual({ read: ALLOW, terminal: ALLOW, command: ALLOW, lifecycle: ALLOW, create: ALLOW, tokens: ALLOW });
    expect(await decisions(user('group:default/sre'))).toEqual({ read: ALLOW, terminal: ALLOW, command: ALLOW, lifecycle: ALLOW, create: ALLOW, tokens: DENY });
    expect(await decisions(user('group:default/devs'))).toEqual({ read: CONDITIONAL, terminal: CONDITIONAL, command: DENY, lifecycle: CONDITIONAL, create: ALLOW, tokens: DENY });
    expect(await decisions(user('group:default/auditors'))).toEqual({ read: ALLOW, terminal: DENY, command: DENY, lifecycle: DENY, create: DENY, tokens: DENY });
    expect(await decisions(user())).toEqual({ read: DENY, terminal: DENY, command: DENY, lifecycle: DENY, create: DENY, tokens: DENY });
  });

  it('takes the strongest role of the user\'s groups', async () => {
    expect((await decisions(user('group:default/auditors', 'group:default/sre'))).command).toBe(AuthorizeResult.ALLOW);
  });

  it('limits developers to what they or their groups own', async () => {
    const decision = await policy.handle({ permission: sindriInstanceTerminalPermission }, user('group:default/devs'));
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'sindri',
      resourceType: 'sindri-instance',
      conditions: {
        rule: 'IS_OWNER',
        resourceType: 'sindri-instance',
        params: { claims: ['user:default/pat', 'group:default/devs'] },
      },
    });
  });

  it('leaves the permissions of other plugins allowed', async () => {
    const other = { type: 'basic' as const, name: 'catalog.entity.create', attributes: { action: 'create' as const } };
    expect((await policy.handle({ permission: other }, user())).result).toBe(AuthorizeResult.ALLOW);
  });

  it('refuses an unknown default role, naming the setting', () => {
    expect(() => readRoleMapping(new ConfigReader({ sindri: { permissions: { defaultRole: 'root' } } }))).toThrow(
      /^sindri\.permissions\.defaultRole: /,
    );
  });
});
