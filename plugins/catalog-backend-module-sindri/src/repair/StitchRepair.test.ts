import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { StitchRepair } from './StitchRepair';

jest.setTimeout(60_000);

/** The catalog's own schema, from its own migrations. */
async function catalogDatabase(knex: Knex) {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@backstage/plugin-catalog-backend',
      'migrations',
    ),
    loadExtensions: ['.js'],
  });
}

/** An hour from now, written as the catalog writes its times. */
const inAnHour = (knex: Knex) =>
  knex.client.config.client.includes('sqlite')
    ? knex.raw(`datetime('now', '+3600 seconds')`)
    : knex.raw(`now() + interval '3600 seconds'`);

const entity = (name: string) =>
  JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'sindri' },
    spec: {},
  });

describe('StitchRepair', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'stitches what was processed but never stitched, and releases dead leases at start, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await catalogDatabase(knex);
      const future = inAnHour(knex);
      const row = (id: string, name: string, processed: boolean) => ({
        entity_id: id,
        entity_ref: `component:sindri/${name}`,
        unprocessed_entity: entity(name),
        processed_entity: processed ? entity(name) : null,
        errors: '[]',
        next_update_at: future,
        last_discovery_at: new Date(),
        result_hash: processed ? 'h' : null,
      });
      // stitched; processed and never stitched (killed in between); never processed, leased by a dead process
      await knex('refresh_state').insert([
        row('e-1', 'stitched', true),
        row('e-2', 'lost', true),
        row('e-3', 'new', false),
      ]);
      await knex('final_entities').insert({
        entity_id: 'e-1',
        entity_ref: 'component:sindri/stitched',
        hash: 'x',
        final_entity: entity('stitched'),
        last_updated_at: new Date(),
      });
      await knex('search').insert({
        entity_id: 'e-1',
        key: 'kind',
        value: 'component',
        original_value: 'Component',
      });
      // a stitch leased by a dead process
      await knex('stitch_queue').insert({
        entity_ref: 'component:sindri/pending',
        stitch_ticket: 't',
        next_stitch_at: future,
      });

      const repair = new StitchRepair(knex);
      expect(await repair.afterStart()).toEqual({ released: 2, stitched: 1 });
      const due = await knex('stitch_queue')
        .where('next_stitch_at', '<=', knex.fn.now())
        .orderBy('entity_ref')
        .pluck('entity_ref');
      expect(due).toEqual([
        'component:sindri/lost',
        'component:sindri/pending',
      ]);
      const processable = await knex('refresh_state')
        .where('next_update_at', '<=', knex.fn.now())
        .pluck('entity_id');
      // the never-processed entity is due now; processed ones keep their schedule
      expect(processable).toEqual(['e-3']);

      // asked again while the stitch is pending: nothing twice
      expect(await repair.mend()).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'stitches again what was stitched without its search rows, or with a stale status, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await catalogDatabase(knex);
      const instance = (status: string) =>
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'dev-1',
            namespace: 'default',
            labels: { 'sindri.io/status': status },
          },
          spec: { type: 'sindri-instance' },
        });
      const state = (
        id: string,
        ref: string,
        locationKey: string,
        body: string,
      ) => ({
        entity_id: id,
        entity_ref: ref,
        unprocessed_entity: body,
        processed_entity: body,
        errors: '[]',
        next_update_at: inAnHour(knex),
        last_discovery_at: new Date(),
        location_key: locationKey,
        result_hash: 'h',
      });
      await knex('refresh_state').insert([
        state(
          'e-1',
          'component:sindri/whole',
          'sindri-extensions',
          entity('whole'),
        ),
        state(
          'e-2',
          'component:sindri/unsearchable',
          'sindri-extensions',
          entity('unsearchable'),
        ),
        state(
          'e-3',
          'resource:default/dev-1',
          'sindri-instances',
          instance('stopped'),
        ),
      ]);
      const final = (id: string, ref: string, body: string) => ({
        entity_id: id,
        entity_ref: ref,
        hash: 'x',
        final_entity: body,
        last_updated_at: new Date(),
      });
      await knex('final_entities').insert([
        final('e-1', 'component:sindri/whole', entity('whole')),
        final('e-2', 'component:sindri/unsearchable', entity('unsearchable')),
        final('e-3', 'resource:default/dev-1', instance('stopped')),
      ]);
      // e-2 killed before its search rows; e-3's rows still say running
      await knex('search').insert([
        {
          entity_id: 'e-1',
          key: 'kind',
          value: 'component',
          original_value: 'Component',
        },
        {
          entity_id: 'e-3',
          key: 'kind',
          value: 'resource',
          original_value: 'Resource',
        },
        {
          entity_id: 'e-3',
          key: 'metadata.labels.sindri.io/status',
          value: 'running',
          original_value: 'running',
        },
      ]);

      expect(await new StitchRepair(knex).mend()).toBe(2);
      expect(
        await knex('stitch_queue').orderBy('entity_ref').pluck('entity_ref'),
      ).toEqual(['component:sindri/unsearchable', 'resource:default/dev-1']);
      // their stitches will write again: the hash that would make them skip is gone
      expect(
        await knex('final_entities').orderBy('entity_id').pluck('hash'),
      ).toEqual(['x', '', '']);
    },
  );
});
