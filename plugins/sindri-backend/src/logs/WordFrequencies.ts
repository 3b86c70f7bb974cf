import { Knex } from 'knex';

const REFRESH_MS = 10 * 60_000;

/**
 * How often words occur in the stored lines, as PostgreSQL's statistics of
 * the search column say (`pg_stats.most_common_elems`, from ANALYZE), read
 * at most every ten minutes. A word the statistics do not list is rarer than
 * every word they do.
 */
export class WordFrequencies {
  private frequencies?: Map<string, number>;
  private readAt = 0;

  constructor(private readonly knex: Knex) {}

  /** The share of lines holding the word; undefined: rarer than the statistics list, or no statistics yet. */
  async of(words: string[]): Promise<Array<number | undefined> | undefined> {
    // none yet (a new table): asked again at the next search
    if (!this.frequencies || Date.now() - this.readAt > REFRESH_MS) {
      this.readAt = Date.now();
      const row = (
        await this.knex.raw(
          `SELECT most_common_elems::text::text[] AS words, most_common_elem_freqs AS freqs
             FROM pg_stats
            WHERE tablename = 'sindri_log_lines' AND attname = 'search'
              AND schemaname = current_schema()`,
        )
      ).rows[0];
      this.frequencies = row?.words
        ? new Map(
            (row.words as string[]).map((w, i) => [w, Number(row.freqs[i])]),
          )
        : undefined;
    }
    const known = this.frequencies;
    return known && words.map(w => known.get(w));
  }
}
