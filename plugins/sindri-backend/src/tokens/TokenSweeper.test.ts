import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { pollUntil } from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { migrateUp } from '../database/migrations';
import { AgentTokenStore } from './AgentTokenStore';
import { TOKEN_REVOKED_CLOSE_CODE, TokenSweeper } from './TokenSweeper';

jest.setTimeout(60_000);

describe('TokenSweeper', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'checks held tokens only when the revision moved or a connection is new, and closes what another replica took away, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      const instances = new InstanceStore(knex);
      const tokens = new AgentTokenStore(knex);
      const checked: number[] = [];
      const validTokenIds = tokens.validTokenIds.bind(tokens);
      jest.spyOn(tokens, 'validTokenIds').mockImplementation(async ids => {
        checked.push(ids.length);
        return validTokenIds(ids);
      });
      const sweeper = new TokenSweeper(
        tokens,
        mockServices.logger.mock(),
        50,
        1000,
      );
      const settle = () => new Promise(r => setTimeout(r, 400));
      const closed: string[] = [];
      const held = [];
      for (const name of ['a', 'b', 'c']) {
        const { instanceId } = await instances.enroll({
          name,
          owner: 'group:default/a',
          createdBy: 'user:default/x',
        });
        const [{ id }] = await knex('agent_tokens')
          .where({ instance_id: instanceId })
          .select('id');
        sweeper.track(id, {
          close: (code: number) =>
            code === TOKEN_REVOKED_CLOSE_CODE && closed.push(name),
        });
        held.push(instanceId);
      }

      // the first look checks everything; after that nothing changed, nothing is read
      await pollUntil(() => checked.length > 0, 'the first check');
      await settle();
      expect(checked).toEqual([3]);

      // another replica revokes one and removes another: the held tokens are checked again
      await new AgentTokenStore(knex).revoke(held[0]);
      await new InstanceStore(knex).remove(held[1]);
      await pollUntil(() => closed.length === 2, 'two connections closed');
      await settle();
      expect(closed).toEqual(['a', 'b']);
      // once per revision it saw move: one check, or two if the removal came after the first;
      // a removal committed between a check's look at the revision and its read of the tokens
      // is seen by that check, and its revision makes one more of the token left
      expect([
        [3, 3],
        [3, 3, 2],
        [3, 3, 1],
      ]).toContainEqual(checked);
      const before = checked.length;

      // a connection tracked after that check is checked alone, on the next
      const { instanceId } = await instances.enroll({
        name: 'd',
        owner: 'group:default/a',
        createdBy: 'user:default/x',
      });
      const [{ id }] = await knex('agent_tokens')
        .where({ instance_id: instanceId })
        .select('id');
      await knex('agent_tokens')
        .where({ id })
        .update({ revoked_at: new Date() });
      sweeper.track(id, { close: () => closed.push('d') });
      await pollUntil(() => closed.length === 3, 'the new connection closed');
      expect(checked.slice(before)).toEqual([1]);
      expect(closed).toEqual(['a', 'b', 'd']);
      sweeper.close();
    },
  );
});
