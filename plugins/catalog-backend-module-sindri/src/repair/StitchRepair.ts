import crypto from 'node:crypto';
import { Knex } from 'knex';
import { SINDRI_STATUS_LABEL } from '@internal/plugin-sindri-common';

/** Search rows are keyed lower-case, as the catalog writes them. */
const STATUS_KEY = `metadata.labels.${SINDRI_STATUS_LABEL}`.toLowerCase();

/**
 * Mends what a catalog process killed at the wrong moment leaves behind, in
 * the catalog's own tables (this module shares the catalog's database).
 *
 * The catalog finishes an entity in steps that are not one transaction: it
 * stores the processing result, then asks for a stitch; a stitch writes the
 * final entity, then its search rows (what list filters match on). Killed
 * between two steps, an entity is processed but never stitched, or stitched
 * without search rows (present by name, absent from every filtered list);
 * its next processing or stitch finds nothing changed, so nothing mends it.
 * Processing and stitching also lease rows to the running process; one that
 * dies holds them until the lease runs out (minutes for a new entity).
 */
export class StitchRepair {
  constructor(private readonly knex: Knex) {}

  /**
   * At start, before this process holds a lease: releases the leases of
   * entities never processed and of pending stitches (another process may
   * repeat one, which the catalog tolerates), then mends the rest.
   */
  async afterStart(): Promise<{ released: number; stitched: number }> {
    const now = this.knex.fn.now();
    const unprocessed = await this.knex('refresh_state')
      .whereNull('processed_entity')
      .where('next_update_at', '>', now)
      .update({ next_update_at: now });
    const stitches = await this.knex('stitch_queue')
      .where('next_stitch_at', '>', now)
      .update({ next_stitch_at: now });
    return { released: unprocessed + stitches, stitched: await this.mend() };
  }

  /** Stitches again what was processed and never stitched, or stitched without its search rows; returns how many. */
  async mend(): Promise<number> {
    const unstitched: string[] = await this.knex('refresh_state as r')
      .leftJoin('final_entities as f', 'f.entity_id', 'r.entity_id')
      .leftJoin('stitch_queue as q', 'q.entity_ref', 'r.entity_ref')
      .whereNotNull('r.processed_entity')
      .whereNull('f.entity_id')
      .whereNull('q.entity_ref')
      .pluck('r.entity_ref');
    const unsearchable = await this.withoutSearchRows();
    // a stitch that finds the final entity unchanged writes nothing: forget its hash so it is written again
    for (let i = 0; i < unsearchable.length; i += 200) {
      await this.knex('final_entities')
        .whereIn('entity_ref', unsearchable.slice(i, i + 200))
        .update({ hash: '' });
    }
    const refs = [...new Set([...unstitched, ...unsearchable])];
    for (let i = 0; i < refs.length; i += 200) {
      const rows = refs.slice(i, i + 200).map(entity_ref => ({
        entity_ref,
        stitch_ticket: crypto.randomUUID(),
        next_stitch_at: this.knex.fn.now(),
      }));
      await this.knex('stitch_queue')
        .insert(rows)
        .onConflict('entity_ref')
        .merge(['stitch_ticket', 'next_stitch_at']);
    }
    return refs.length;
  }

  /**
   * Final entities whose search rows are missing (no `kind` row, which every
   * entity has) and Sindri instances whose status row is not their entity's
   * status label (a stitch killed before it rewrote them).
   */
  private async withoutSearchRows(): Promise<string[]> {
    const missing: string[] = await this.knex('final_entities as f')
      .leftJoin('search as s', q =>
        q
          .on('s.entity_id', 'f.entity_id')
          .andOn('s.key', this.knex.raw('?', ['kind'])),
      )
      .whereNotNull('f.final_entity')
      .whereNull('s.entity_id')
      .pluck('f.entity_ref');
    const instances: Array<{
      entity_id: string;
      entity_ref: string;
      final_entity: string;
    }> = await this.knex('final_entities as f')
      .join('refresh_state as r', 'r.entity_id', 'f.entity_id')
      .where('r.location_key', 'sindri-instances')
      .whereNotNull('f.final_entity')
      .select('f.entity_id', 'f.entity_ref', 'f.final_entity');
    const labels = new Map<string, string>();
    for (let i = 0; i < instances.length; i += 500) {
      const rows: Array<{ entity_id: string; value: string | null }> =
        await this.knex('search')
          .whereIn(
            'entity_id',
            instances.slice(i, i + 500).map(r => r.entity_id),
          )
          .where('key', STATUS_KEY)
          .select('entity_id', 'value');
      rows.forEach(r => labels.set(r.entity_id, r.value ?? ''));
    }
    const stale = instances
      .filter(r => {
        const label = String(
          JSON.parse(r.final_entity).metadata?.labels?.[SINDRI_STATUS_LABEL] ??
            '',
        ).toLowerCase();
        return labels.get(r.entity_id) !== label;
      })
      .map(r => r.entity_ref);
    return [...new Set([...missing, ...stale])];
  }
}
