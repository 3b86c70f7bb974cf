import { Knex } from 'knex';
import { LogBatch } from '@internal/plugin-sindri-common';
import { GroupCommit } from '../database/GroupCommit';

interface Pending {
  instance: { id: string; name: string };
  batch: LogBatch;
}

/**
 * Stores the agents' log batches in group commits: what arrives within a few
 * milliseconds, from any number of agents, is written in one transaction with
 * multi-row inserts, and each caller's promise settles once it is committed,
 * so an ack still means "stored". A batch id stored before is skipped.
 */
export class LogWriter {
  private readonly commits: GroupCommit<Pending, boolean>;
  private readonly chunk: number;

  constructor(
    private readonly knex: Knex,
    options = { maxBatch: 500, maxDelayMs: 5 },
  ) {
    // SQLite takes fewer bound parameters per statement
    this.chunk = knex.client.config.client === 'pg' ? 1000 : 100;
    this.commits = new GroupCommit(
      pending => this.knex.transaction(tx => this.insert(tx, pending)),
      options,
    );
  }

  /** Resolves to whether the batch was stored now (false: its id was stored before). */
  append(
    instance: { id: string; name: string },
    batch: LogBatch,
  ): Promise<boolean> {
    return this.commits.add({ instance, batch });
  }

  private async insert(tx: Knex.Transaction, pending: Pending[]) {
    const now = new Date();
    const fresh = new Set<string>();
    const batchRows = pending.map(p => ({
      id: p.batch.id,
      instance_id: p.instance.id,
      received_at: now,
      dropped: p.batch.dropped ?? 0,
    }));
    for (let i = 0; i < batchRows.length; i += this.chunk) {
      const inserted = await tx('sindri_log_batches')
        .insert(batchRows.slice(i, i + this.chunk))
        .onConflict('id')
        .ignore()
        .returning('id');
      for (const row of inserted)
        fresh.add(typeof row === 'object' ? row.id : row);
    }
    // one batch twice in the same commit: the first is stored
    const taken = new Set<string>();
    const stored = pending.map(p => {
      const first = fresh.has(p.batch.id) && !taken.has(p.batch.id);
      taken.add(p.batch.id);
      return first;
    });
    const instanceIds = [
      ...new Set(pending.filter((_, i) => stored[i]).map(p => p.instance.id)),
    ];
    if (!instanceIds.length) return stored;
    // the lines written during a lifecycle operation belong to it
    const running = new Map<string, string>();
    const operations = await tx('lifecycle_operations')
      .whereIn('instance_id', instanceIds)
      .where({ state: 'running' })
      .orderBy('started_at', 'asc')
      .select('id', 'instance_id');
    for (const op of operations) running.set(op.instance_id, op.id);
    const lines = pending.flatMap((p, i) =>
      stored[i]
        ? p.batch.lines.map(line => ({
            instance_id: p.instance.id,
            instance_name: p.instance.name,
            at: new Date(line.at),
            source: line.source,
            level: line.level ?? null,
            text: line.text,
            operation_id: running.get(p.instance.id) ?? null,
          }))
        : [],
    );
    for (let i = 0; i < lines.length; i += this.chunk)
      await tx('sindri_log_lines').insert(lines.slice(i, i + this.chunk));
    return stored;
  }
}
