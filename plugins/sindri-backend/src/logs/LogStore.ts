import { Knex } from 'knex';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { LogBatch, LogLevel } from '@internal/plugin-sindri-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';
import { toIso } from '../database/time';
import { highlightRanges, searchTerms } from './searchTerms';
import { LogWriter } from './LogWriter';
import { WordFrequencies } from './WordFrequencies';

const LINES = 'sindri_log_lines';
/** matching ids the text index is asked for when several common words may be rare together (see newestOfWords) */
const SEARCH_PROBE = 1000;
/** a word in at least this share of the lines is common: reading newest first finds its matches soon */
const COMMON_WORD = 0.001;
/** at most this many lines are read newest first for several common words before the probe (see newestOfWords) */
const NEWEST_FIRST_BOUND = 200_000;
/** ...and no more than this many pages' worth, were the words always together, as often as the rarest of them */
const NEWEST_FIRST_PAGES = 16;

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
  private readonly writer: LogWriter;
  private readonly frequencies: WordFrequencies;

  constructor(
    private readonly knex: Knex,
    private readonly options = {
      searchProbe: SEARCH_PROBE,
      newestFirstBound: NEWEST_FIRST_BOUND,
      newestFirstPages: NEWEST_FIRST_PAGES,
    },
  ) {
    this.pg = knex.client.config.client === 'pg';
    this.writer = new LogWriter(knex);
    this.frequencies = new WordFrequencies(knex);
  }

  /** SQLite has one writer, so lines become visible in id order; PostgreSQL commits concurrently. */
  get visibleInIdOrder(): boolean {
    return !this.pg;
  }

  /** Stores a batch unless its id was stored before (group-committed with others); returns whether it was. */
  append(
    instance: { id: string; name: string },
    batch: LogBatch,
  ): Promise<boolean> {
    return this.writer.append(instance, batch);
  }

  /** Lines matching the search, newest first, and the cursor of the next page. */
  async search(
    search: LogSearch,
  ): Promise<{ items: StoredLogLine[]; nextCursor?: string }> {
    const newest = () => {
      const q = this.matching(search);
      if (search.before) q.where('id', '<', Number(search.before));
      return q.orderBy('id', 'desc').limit(search.limit + 1);
    };
    const rows =
      this.pg && searchTerms(search.text ?? '').length && !search.unindexed
        ? await this.newestOfWords(search, newest)
        : await newest();
    const items = rows.slice(0, search.limit).map(this.toLine(search));
    return rows.length > search.limit
      ? { items, nextCursor: items[items.length - 1].id }
      : { items };
  }

  /**
   * A word search on PostgreSQL, planned here: the planner's own guess is
   * off both ways on millions of lines (a word it did not sample looks
   * common; words that go together, "connection refused", look rare as if
   * unrelated) and either mistake costs seconds. From the column's
   * statistics: a word as rare as the unlisted ones, and the text index
   * fetches all its matches to sort them (few); one common word, and lines
   * are read newest first until the page is full (soon). Several common
   * words are read newest first as far as a page would reach were they
   * always together; they may still be rare together: then the index is
   * asked for up to a probe of matching ids, and fewer are all there are.
   */
  private async newestOfWords(
    search: LogSearch,
    newest: () => Knex.QueryBuilder,
  ): Promise<any[]> {
    const words = searchTerms(search.text ?? '');
    const frequencies = await this.frequencies.of(words);
    if (!frequencies) return newest();
    const common = frequencies.every(f => (f ?? 0) >= COMMON_WORD);
    const byIndex = [
      'SET LOCAL enable_seqscan = off',
      'SET LOCAL enable_indexscan = off',
    ];
    const newestFirst = [
      'SET LOCAL enable_seqscan = off',
      'SET LOCAL enable_bitmapscan = off',
    ];
    return this.knex.transaction(async tx => {
      const planned = async (
        settings: string[],
        q: Knex.QueryBuilder,
      ): Promise<any[]> => {
        for (const setting of settings) await tx.raw(setting);
        return q.transacting(tx);
      };
      if (!common) return planned(byIndex, newest());
      if (words.length === 1) return planned(newestFirst, newest());
      // common words: the newest lines first, as far back as the page would
      // reach were they always together (words in one message often are);
      // the probe if that is not enough
      const rarest = Math.min(...frequencies.map(f => f ?? 0));
      const bound = Math.min(
        this.options.newestFirstBound,
        Math.ceil(
          ((search.limit + 1) / rarest) * this.options.newestFirstPages,
        ),
      );
      const top = search.before
        ? Number(search.before)
        : Number((await tx(LINES).max({ id: 'id' }).first())?.id ?? 0) + 1;
      const rows = await planned(
        newestFirst,
        newest().where('id', '>=', top - bound),
      );
      if (rows.length > search.limit) return rows;
      const probe = this.options.searchProbe;
      const q = this.matching(search).clearSelect().select('id');
      if (search.before) q.where('id', '<', Number(search.before));
      const ids: number[] = (await planned(byIndex, q.limit(probe))).map(r =>
        Number(r.id),
      );
      if (ids.length >= probe)
        return planned(
          ['SET LOCAL enable_indexscan = on', ...newestFirst],
          newest(),
        );
      const wanted = ids.sort((a, b) => b - a).slice(0, search.limit + 1);
      return wanted.length
        ? newest().whereIn('id', wanted).transacting(tx)
        : [];
    });
  }

  /** Lines matching the search with an id above `after`, oldest first: what a live tail sends next. */
  async after(
    search: Omit<LogSearch, 'before'>,
    after: string,
  ): Promise<StoredLogLine[]> {
    const rows = await this.matching(search)
      .where('id', '>', Number(after))
      .orderBy('id', 'asc')
      .limit(search.limit);
    return rows.map(this.toLine(search));
  }

  /** The newest line's id, or '0': where a tail that wants only new lines starts. */
  async newestId(): Promise<string> {
    const row = await this.knex(LINES).max({ id: 'id' }).first();
    return String(row?.id ?? 0);
  }

  private matching(search: Omit<LogSearch, 'before'>) {
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
    if (search.readable)
      q.whereIn(
        'instance_id',
        whereInstanceCriteria(
          this.knex('instances').select('id'),
          search.readable,
        ),
      );
    return q;
  }

  private toLine(search: Pick<LogSearch, 'text'>) {
    const terms = searchTerms(search.text ?? '');
    return (row: any): StoredLogLine => ({
      id: String(row.id),
      instance: row.instance_name,
      at: toIso(row.at)!,
      source: row.source,
      ...(row.level ? { level: row.level } : {}),
      text: row.text,
      ...(row.operation_id ? { operationId: row.operation_id } : {}),
      ...(terms.length ? { highlights: highlightRanges(row.text, terms) } : {}),
    });
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
