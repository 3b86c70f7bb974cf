import { Knex } from 'knex';
import { appendStatusChanges } from './statusChanges';
import { Heartbeat, MetricsSample } from '@internal/plugin-sindri-common';
import { GroupCommit } from './GroupCommit';
import { upsertLatestMetrics } from './latestMetrics';
import { inPinnedTransaction, PinnedTransaction } from './pinnedTransaction';
import { updateLastHeartbeats } from './updateLastHeartbeats';

type Pending =
  | { kind: 'heartbeat'; instanceId: string; sample: Heartbeat }
  | { kind: 'metrics'; instanceId: string; sample: MetricsSample };

/** Multi-row inserts of 500 rows; a row whose key is already stored is skipped. */
async function insertIgnoringDuplicates(
  tx: PinnedTransaction,
  table: string,
  key: string[],
  rows: Record<string, unknown>[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .table(table)
      .insert(rows.slice(i, i + 500))
      .onConflict(key)
      .ignore();
  }
}

/**
 * Writes heartbeats and metrics in small batches: what arrives within a few
 * milliseconds is stored in one transaction with multi-row inserts, and each
 * caller's promise settles only once its batch is committed, so an ack still
 * means "stored". Duplicates are ignored, as one at a time.
 */
export class SampleWriter {
  private readonly commits: GroupCommit<Pending, boolean>;

  constructor(
    private readonly knex: Knex,
    options: { maxBatch: number; maxDelayMs: number } = {
      maxBatch: 1000,
      maxDelayMs: 5,
    },
  ) {
    this.commits = new GroupCommit(batch => this.write(batch), options);
  }

  /** Resolves to true when this heartbeat brought its instance back to running. */
  heartbeat(instanceId: string, sample: Heartbeat): Promise<boolean> {
    return this.commits.add({ kind: 'heartbeat', instanceId, sample });
  }

  async metrics(instanceId: string, sample: MetricsSample): Promise<void> {
    await this.commits.add({ kind: 'metrics', instanceId, sample });
  }

  private async write(batch: Pending[]): Promise<boolean[]> {
    const heartbeats = batch.filter(
      (p): p is Extract<Pending, { kind: 'heartbeat' }> =>
        p.kind === 'heartbeat',
    );
    const metrics = batch.filter(
      (p): p is Extract<Pending, { kind: 'metrics' }> => p.kind === 'metrics',
    );
    // a lot every few milliseconds: a knex.transaction() each left too much garbage (see inPinnedTransaction)
    const revived = await inPinnedTransaction(this.knex, async tx => {
      await insertIgnoringDuplicates(
        tx,
        'metric_samples',
        ['id'],
        metrics.map(m => ({
          id: m.sample.id,
          instance_id: m.instanceId,
          resolution: 'raw',
          at: new Date(m.sample.at),
          data: JSON.stringify(m.sample),
        })),
      );
      if (metrics.length) await upsertLatestMetrics(tx, metrics);
      if (!heartbeats.length) return new Set<string>();
      await insertIgnoringDuplicates(
        tx,
        'heartbeats',
        // a heartbeat sent again carries the same time
        ['instance_id', 'at'],
        heartbeats.map(h => ({
          instance_id: h.instanceId,
          at: new Date(h.sample.at),
          uptime_s: h.sample.uptimeSeconds,
          load: h.sample.load ? JSON.stringify(h.sample.load) : null,
        })),
      );
      const newest = new Map<string, Heartbeat>();
      for (const h of heartbeats) {
        const seen = newest.get(h.instanceId);
        if (!seen || seen.at < h.sample.at) newest.set(h.instanceId, h.sample);
      }
      await updateLastHeartbeats(
        tx,
        [...newest].map(([instanceId, hb]) => ({
          instanceId,
          at: new Date(hb.at),
          uptimeSeconds: hb.uptimeSeconds,
        })),
      );
      const now = new Date();
      const waking = (
        await tx
          .table('instances')
          .whereIn('id', [...newest.keys()])
          .whereIn('status', ['unresponsive', 'unknown'])
          .whereNotNull('registered_at')
          .update({
            status: 'running',
            status_changed_at: now,
            updated_at: now,
          })
          .returning('id')
      ).map((r: { id: string }) => r.id);
      if (waking.length) {
        await appendStatusChanges(
          tx.table,
          waking.map(instanceId => ({
            instanceId,
            status: 'running',
            at: now,
          })),
        );
      }
      return new Set(waking);
    });
    const announced = new Set<string>();
    // the status change is reported once, by the first heartbeat of that instance
    return batch.map(p => {
      const changed =
        p.kind === 'heartbeat' &&
        revived.has(p.instanceId) &&
        !announced.has(p.instanceId);
      if (changed) announced.add(p.instanceId);
      return changed;
    });
  }
}
