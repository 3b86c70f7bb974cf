import { Knex } from 'knex';
import {
  InventoryComponent,
  InventoryPart,
} from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';

/** An instance's assembled inventory, without its components. */
export interface StoredInventory {
  hash: string;
  collectedAt: string;
  receivedAt: string;
  os?: InventoryPart['os'];
  cli?: InventoryPart['cli'];
  sources: NonNullable<InventoryPart['sources']>;
  access: NonNullable<InventoryPart['access']>;
  componentCount: number;
}

const INSERT_CHUNK = 200;

/** The os column holds the OS and, under `cli`, the Sindri CLI's version. */
function osAndCli(column: string | null) {
  if (!column) return {};
  const { cli, ...os } = JSON.parse(column);
  return { ...(os.id ? { os } : {}), ...(cli ? { cli } : {}) };
}

function inventoryOfRow(row: any): StoredInventory {
  return {
    hash: row.hash,
    collectedAt: toIso(row.collected_at)!,
    receivedAt: toIso(row.received_at)!,
    ...osAndCli(row.os),
    sources: JSON.parse(row.sources),
    access: JSON.parse(row.access),
    componentCount: Number(row.component_count),
  };
}

/**
 * What instances' agents reported as installed. Parts are kept until all of
 * one inventory (one hash) are in, then replace the instance's components in
 * one transaction; a part of an inventory already stored changes nothing.
 * Any replica may receive any part: they meet in the database.
 */
export class InventoryStore {
  constructor(private readonly knex: Knex) {}

  /** Keeps a part; answers whether it completed a new inventory. */
  async receivePart(instanceId: string, part: InventoryPart): Promise<boolean> {
    return this.knex.transaction(async trx => {
      // parts of one inventory may reach two replicas at once: one counts at a time
      await trx('instances').where({ id: instanceId }).forUpdate().first('id');
      const current = await trx('instance_inventories')
        .where({ instance_id: instanceId })
        .first('hash');
      if (current?.hash === part.hash) return false;
      await trx('instance_inventory_parts')
        .insert({
          instance_id: instanceId,
          hash: part.hash,
          part: part.part,
          parts: part.parts,
          data: JSON.stringify(part),
          received_at: new Date(),
        })
        .onConflict(['instance_id', 'hash', 'part'])
        .ignore();
      const rows = await trx('instance_inventory_parts')
        .where({ instance_id: instanceId, hash: part.hash })
        .orderBy('part')
        .select('data');
      if (rows.length < part.parts) return false;
      const parts = rows.map(r => JSON.parse(r.data) as InventoryPart);
      // an older inventory's leftovers go too
      await trx('instance_inventory_parts')
        .where({ instance_id: instanceId })
        .delete();
      const first = parts[0];
      await trx('instance_inventories')
        .insert({
          instance_id: instanceId,
          hash: part.hash,
          collected_at: new Date(first.collectedAt),
          received_at: new Date(),
          os:
            first.os || first.cli
              ? JSON.stringify({ ...first.os, cli: first.cli })
              : null,
          sources: JSON.stringify(first.sources ?? []),
          access: JSON.stringify(
            first.access ?? { sshKeys: [], listening: [] },
          ),
          component_count: parts.reduce((n, p) => n + p.components.length, 0),
          parts: part.parts,
        })
        .onConflict('instance_id')
        .merge();
      await trx('instance_components')
        .where({ instance_id: instanceId })
        .delete();
      const components = parts.flatMap(p => p.components);
      for (let i = 0; i < components.length; i += INSERT_CHUNK)
        await trx('instance_components').insert(
          components.slice(i, i + INSERT_CHUNK).map(c => ({
            instance_id: instanceId,
            source: c.source,
            name: c.name,
            version: c.version,
            purl: c.purl,
            extension: c.extension ?? null,
          })),
        );
      return true;
    });
  }

  async get(instanceId: string): Promise<StoredInventory | undefined> {
    const row = await this.knex('instance_inventories')
      .where({ instance_id: instanceId })
      .first();
    return row ? inventoryOfRow(row) : undefined;
  }

  async components(instanceId: string): Promise<InventoryComponent[]> {
    const rows = await this.knex('instance_components')
      .where({ instance_id: instanceId })
      .orderBy(['source', 'name'])
      .select('source', 'name', 'version', 'purl', 'extension');
    return rows.map(r => ({
      source: r.source,
      name: r.name,
      version: r.version,
      purl: r.purl,
      ...(r.extension ? { extension: r.extension } : {}),
    }));
  }

  /** The inventories of these instances (for the fleet's access findings). */
  async inventoriesOf(
    instanceIds: readonly string[],
  ): Promise<Map<string, StoredInventory>> {
    const found = new Map<string, StoredInventory>();
    for (let i = 0; i < instanceIds.length; i += 500) {
      const rows = await this.knex('instance_inventories').whereIn(
        'instance_id',
        instanceIds.slice(i, i + 500),
      );
      for (const r of rows) found.set(r.instance_id, inventoryOfRow(r));
    }
    return found;
  }
}
