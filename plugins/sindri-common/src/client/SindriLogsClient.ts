import type { LogLevel, LogPage, StoredLogLine } from '../index';
import { HttpTransport, search } from './HttpTransport';
import { SindriRequestError } from './SindriRequestError';

const enc = encodeURIComponent;

/** What a log search asks for (the cursor is the last page's `nextCursor`). */
export interface LogSearchQuery {
  /** words every line must hold */
  text?: string;
  /** one instance (the fleet search only) */
  instance?: string;
  sources?: string[];
  levels?: LogLevel[];
  operation?: string;
  from?: string;
  to?: string;
  before?: string;
  limit?: number;
}

/** What a live tail follows: the search's filters, from the line after `after` (else from now). */
export type LogTailQuery = Omit<LogSearchQuery, 'before' | 'limit'> & {
  after?: string;
};

const RECONNECT_MS = 1000;

const searchOf = (query: LogSearchQuery & { after?: string }) =>
  search({
    q: query.text,
    instance: query.instance,
    source: query.sources?.join(','),
    level: query.levels?.join(','),
    operation: query.operation,
    from: query.from,
    to: query.to,
    before: query.before,
    after: query.after,
    limit: query.limit,
  });

/** The log routes: the lines of the instances the caller may read (`sindri.instance.audit.read`). */
export class SindriLogsClient {
  constructor(private readonly http: HttpTransport) {}

  search(query: LogSearchQuery = {}): Promise<LogPage> {
    return this.http.json('GET', `/logs${searchOf(query)}`);
  }

  forInstance(
    name: string,
    query: Omit<LogSearchQuery, 'instance'> = {},
  ): Promise<LogPage> {
    return this.http.json(
      'GET',
      `/instances/${enc(name)}/logs${searchOf(query)}`,
    );
  }

  /**
   * Follows the lines matching the query as they arrive, a batch at a time,
   * until `signal` aborts. A stream that ends or breaks is opened again from
   * its last line, so nothing is missed; a refusal (4xx) ends the tail.
   */
  async *tail(
    query: LogTailQuery & { instance?: string },
    signal: AbortSignal,
  ): AsyncGenerator<StoredLogLine[]> {
    const { instance, ...rest } = query;
    const path = instance
      ? `/instances/${enc(instance)}/logs/tail${searchOf(rest)}`
      : `/logs/tail${searchOf(rest)}`;
    let lastEventId: string | undefined;
    while (!signal.aborted) {
      try {
        for await (const event of this.http.events(path, signal, lastEventId)) {
          if (event.event !== 'lines') continue;
          if (event.id) lastEventId = event.id;
          yield JSON.parse(event.data) as StoredLogLine[];
        }
      } catch (e) {
        if (signal.aborted) return;
        const status = (e as SindriRequestError).statusCode;
        if (status >= 400 && status < 500) throw e;
      }
      await new Promise(r => setTimeout(r, RECONNECT_MS));
    }
  }
}
