import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { LogBatch, LogLevel } from '@internal/plugin-sindri-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';
import { toIso } from '../database/time';
import { highlightRanges, searchTerms } from './searchTerms';

const LINES = 'sindri_log_lines';
const INSERT_CHUNK = 100;

/** A stored line, as a search returns it. */
export interface StoredLogLine {
  id: string;
  instance: string;
  at: string;
  source: string;
  level?: LogLevel;
  text: string;
  operationId?: string;
  /** where the search's words are, [start, end) */
  highlights?: Array<[number, number]>;
}

export interface LogSearch {
  text?: string;
  instanceId?: string;
  instanceName?: string;
  sources?: string[];
  levels?: LogLevel[];
  operationId?: string;
  from?: Date;
  to?: Date;
  /** the cursor: only lines with a smaller id */
  before?: string;
  limit: number;
  /** the instances whose logs the reader may see; absent: all */
  readable?: PermissionCriteria<InstanceQuery>;
  /** for comparison only: match the words with LIKE, without the index */
  unindexed?: boolean;
}

/** Log lines: appended by batch (each stored once), searched with the database's full-text index, pruned by age and size. */
export class LogStore {
  private readonly pg: boolean;

  constructor(private readonly knex: Knex) {
    this.pg = knex.client.config.client === 'pg';
  }

  /** Stores a batch unless its id was stored before; returns whether it was. */
  async append(
    instance: { id: string; name: string },
    batch: LogBatch,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const inserted = await tx('sindri_log_batches')
        .insert({
          id: batch.id,
          instance_id: instance.id,
          received_at: new Date(),
          dropped: batch.dropped ?? 0,
        })
        .onConflict('id')
        .ignore()
        .returning('id');
      if (!inserted.length) return false;
      // the lines written during a lifecycle operation belong to it
      const running = await tx('lifecycle_operations')
        .where({ instance_id: instance.id, state: 'running' })
        .orderBy('started_at', 'desc')
        .first('id');
      const rows = batch.lines.map(line => ({
        instance_id: instance.id,
        instance_name: instance.name,
        at: new Date(line.at),
        source: line.source,
        level: line.level ?? null,
        text: line.text,
        operation_id: running?.id ?? null,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await tx(LINES).insert(rows.slice(i, i + INSERT_CHUNK));
      return true;
    });
  }

  /** Lines matching the search, newest first, and the cursor of the next page. */
  async search(
    search: LogSearch,
  ): Promise<{ items: StoredLogLine[]; nextCursor?: string }> {
    const terms = searchTerms(search.text ?? '');
    const q = this.knex(LINES).select(
      'id',
      'instance_name',
      'at',
      'source',
      'level',
      'text',
      'operation_id',
    );
    if (terms.length) this.whereTerms(q, terms, Boolean(search.unindexed));
    if (search.instanceId) q.where('instance_id', search.instanceId);
    if (search.instanceName) q.where('instance_name', search.instanceName);
    if (search.sources?.length) q.whereIn('source', search.sources);
    if (search.levels?.length) q.whereIn('level', search.levels);
    if (search.operationId) q.where('operation_id', search.operationId);
    if (search.from) q.where('at', '>=', search.from);
    if (search.to) q.where('at', '<', search.to);
    if (search.before) q.where('id', '<', Number(search.before));
    if (search.readable)
      q.whereIn(
        'instance_id',
        whereInstanceCriteria(
          this.knex('instances').select('id'),
          search.readable,
        ),
      );
    const rows = await q.orderBy('id', 'desc').limit(search.limit + 1);
    const items = rows.slice(0, search.limit).map(row => ({
      id: String(row.id),
      instance: row.instance_name,
      at: toIso(row.at)!,
      source: row.source,
      ...(row.level ? { level: row.level } : {}),
      text: row.text,
      ...(row.operation_id ? { operationId: row.operation_id } : {}),
      ...(terms.length ? { highlights: highlightRanges(row.text, terms) } : {}),
    }));
    return rows.length > search.limit
      ? { items, nextCursor: items[items.length - 1].id }
      : { items };
  }

  private whereTerms(
    q: Knex.QueryBuilder,
    terms: string[],
    unindexed: boolean,
  ) {
    if (unindexed) {
      for (const term of terms)
        q.whereRaw('lower(text) like ?', [`%${term.replace(/[%_\\]/g, '')}%`]);
    } else if (this.pg) {
      q.whereRaw(`search @@ to_tsquery('simple', ?)`, [
        terms.map(t => `'${t}'`).join(' & '),
      ]);
    } else {
      q.whereRaw(
        'id in (select rowid from sindri_log_lines_fts where sindri_log_lines_fts match ?)',
        [terms.map(t => `"${t}"`).join(' ')],
      );
    }
  }

  /**
   * Deletes lines older than `before`, then each instance's oldest lines past
   * `maxBytesPerInstance` of text; returns how many lines went.
   */
  async prune(before: Date, maxBytesPerInstance: number): Promise<number> {
    let deleted = await this.knex(LINES).where('at', '<', before).delete();
    await this.knex('sindri_log_batches')
      .where('received_at', '<', before)
      .delete();
    const over = await this.knex(LINES)
      .groupBy('instance_id')
      .havingRaw('sum(length(text)) > ?', [maxBytesPerInstance])
      .select('instance_id');
    for (const { instance_id: instanceId } of over) {
      const cut = await this.knex
        .from(
          this.knex(LINES)
            .where('instance_id', instanceId)
            .select(
              'id',
              this.knex.raw(
                'sum(length(text)) over (order by id desc) as kept',
              ),
            )
            .as('r'),
        )
        .where('kept', '>', maxBytesPerInstance)
        .max({ id: 'id' })
        .first();
      if (cut?.id)
        deleted += await this.knex(LINES)
          .where('instance_id', instanceId)
          .where('id', '<=', cut.id)
          .delete();
    }
    return deleted;
  }
}
