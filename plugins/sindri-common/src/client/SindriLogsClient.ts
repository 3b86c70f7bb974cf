import type { LogLevel, LogPage } from '../index';
import { HttpTransport, search } from './HttpTransport';

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

const searchOf = (query: LogSearchQuery) =>
  search({
    q: query.text,
    instance: query.instance,
    source: query.sources?.join(','),
    level: query.levels?.join(','),
    operation: query.operation,
    from: query.from,
    to: query.to,
    before: query.before,
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
}
