import { TestDatabases } from '@backstage/backend-test-utils';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  InstanceQuery,
  sindriInstanceRules,
} from '@internal/plugin-sindri-node';
import { registration } from '../__testUtils__/fixtures';
import { InstanceStore } from '../database/InstanceStore';
import { migrateUp } from '../database/migrations';

jest.setTimeout(60_000);

const fleet = [
  { name: 'alice-fly', owner: 'user:default/alice', provider: 'fly' },
  { name: 'team-k8s', owner: 'group:default/platform', provider: 'kubernetes' },
  { name: 'bob-local', owner: 'user:default/bob', provider: 'local' },
  { name: 'mixed-case', owner: 'group:default/Data-Team', provider: 'docker' },
] as const;

describe('permission criteria on the instances table', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'filter in the database as the rules apply in memory, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const store = new InstanceStore(knex);
      for (const i of fleet) {
        const { instanceId } = await store.enroll({
          name: i.name,
          owner: i.owner,
          createdBy: 'user:default/admin',
        });
        await store.register(
          instanceId,
          registration(i.name, { provider: i.provider }),
        );
      }
      const all = await store.listRegistered();
      const { isOwner, hasProvider } = sindriInstanceRules;

      const cases: Array<
        [
          PermissionCriteria<InstanceQuery>,
          (i: (typeof all)[number]) => boolean,
        ]
      > = [
        [
          isOwner.toQuery({
            claims: ['user:default/alice', 'group:default/platform'],
          }),
          i =>
            isOwner.apply(i, {
              claims: ['user:default/alice', 'group:default/platform'],
            }),
        ],
        [
          hasProvider.toQuery({ providers: ['local'] }),
          i => hasProvider.apply(i, { providers: ['local'] }),
        ],
        [
          { not: hasProvider.toQuery({ providers: ['local'] }) },
          i => !hasProvider.apply(i, { providers: ['local'] }),
        ],
        [
          {
            allOf: [
              isOwner.toQuery({
                claims: ['group:default/platform', 'user:default/bob'],
              }),
              { not: hasProvider.toQuery({ providers: ['local'] }) },
            ],
          },
          i =>
            ['group:default/platform', 'user:default/bob'].includes(i.owner) &&
            i.provider !== 'local',
        ],
        [
          {
            anyOf: [
              hasProvider.toQuery({ providers: ['fly'] }),
              isOwner.toQuery({ claims: ['user:default/bob'] }),
            ],
          },
          i => i.provider === 'fly' || i.owner === 'user:default/bob',
        ],
        [isOwner.toQuery({ claims: [] }), () => false],
      ];
      for (const [criteria, expected] of cases) {
        const names = (await store.listRegistered(criteria)).map(i => i.name);
        expect([criteria, names]).toEqual([
          criteria,
          all.filter(expected).map(i => i.name),
        ]);
      }
      // entity refs compare case-insensitively, in memory and in the database
      const claims = ['group:default/data-team'];
      expect(
        all.filter(i => isOwner.apply(i, { claims })).map(i => i.name),
      ).toEqual(['mixed-case']);
      expect(
        (await store.listRegistered(isOwner.toQuery({ claims }))).map(
          i => i.name,
        ),
      ).toEqual(['mixed-case']);
      expect(
        (
          await store.listRegistered(
            isOwner.toQuery({ claims: ['GROUP:default/DATA-TEAM'] }),
          )
        ).map(i => i.name),
      ).toEqual(['mixed-case']);
    },
  );
});
