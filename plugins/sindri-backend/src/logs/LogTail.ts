import { Request, Response } from 'express';
import { LogSearch, LogStore, StoredLogLine } from './LogStore';
import { TailCursor } from './TailCursor';

export interface LogTailOptions {
  /** how often the stream asks the database for new lines */
  pollMs: number;
  /** a stream ends after this long; the browser reconnects and is authorized again */
  maxDurationMs: number;
  /** lines sent per poll at most; the rest follow on the next */
  batchLimit: number;
}

export const defaultLogTailOptions: LogTailOptions = {
  pollMs: 500,
  maxDurationMs: 5 * 60_000,
  batchLimit: 500,
};

const KEEPALIVE_MS = 15_000;

/**
 * Streams the lines matching a search as server-sent events, oldest first,
 * from the database: any replica serves a tail of lines any other replica
 * stored, and a stream that breaks resumes from its last event id.
 */
export class LogTail {
  private readonly recheck: boolean;
  private closing = false;

  constructor(
    private readonly store: LogStore,
    private readonly options: LogTailOptions = defaultLogTailOptions,
  ) {
    this.recheck = !store.visibleInIdOrder;
  }

  /** Where a stream starts: after the client's last event or `after`, else at the newest line. */
  async startId(req: Request, after?: string): Promise<string> {
    const last = req.header('last-event-id');
    if (last && /^[0-9]{1,19}$/.test(last)) return last;
    return after ?? (await this.store.newestId());
  }

  async stream(
    req: Request,
    res: Response,
    search: Omit<LogSearch, 'before' | 'limit'>,
    startId: string,
  ): Promise<void> {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (chunk: string) => {
      res.write(chunk);
      (res as Response & { flush?: () => void }).flush?.();
    };
    write(`retry: 1000\n: tail from ${startId}\n\n`);

    let closed = false;
    req.on('close', () => {
      closed = true;
    });
    const query = { ...search, limit: this.options.batchLimit };
    const cursor = new TailCursor(startId);
    const started = Date.now();
    let lastWrite = Date.now();
    try {
      while (
        !closed &&
        !this.closing &&
        Date.now() - started < this.options.maxDurationMs
      ) {
        const fresh = await this.store.after(query, cursor.floor());
        const late = this.recheck ? await this.lateLines(query, cursor) : [];
        const lines = cursor.take([...late, ...fresh]);
        if (lines.length) {
          write(
            `id: ${cursor.lastId()}\nevent: lines\ndata: ${JSON.stringify(
              lines,
            )}\n\n`,
          );
          lastWrite = Date.now();
        } else if (Date.now() - lastWrite > KEEPALIVE_MS) {
          write(': keepalive\n\n');
          lastWrite = Date.now();
        }
        await new Promise(r => setTimeout(r, this.options.pollMs));
      }
    } catch {
      // the database failed mid-stream: the stream ends and the client
      // reconnects from its last event, as after any break
    } finally {
      if (!closed) res.end();
    }
  }

  /** Ends every stream (the backend is stopping); browsers reconnect to another replica. */
  close() {
    this.closing = true;
  }

  private async lateLines(
    query: Omit<LogSearch, 'before'>,
    cursor: TailCursor,
  ): Promise<StoredLogLine[]> {
    const window = cursor.recheckWindow();
    if (!window) return [];
    const lines = await this.store.after(
      { ...query, limit: this.options.batchLimit },
      window.from,
    );
    return lines.filter(l => Number(l.id) <= window.to);
  }
}
