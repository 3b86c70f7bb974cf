import { StoredLogLine } from './LogStore';

// On PostgreSQL a line's id is taken when it is inserted and seen when its
// batch commits, so a smaller id can appear after a bigger one was sent: ids
// below the newest sent are looked at again for this long.
const SETTLE_MS = 5_000;

/** Which lines a stream has sent: all up to a settled id, and the recent ones above it, by id. */
export class TailCursor {
  private settled: number;
  private readonly recent: Array<{ id: number; at: number }> = [];
  private newest: number;

  constructor(startId: string) {
    this.settled = Number(startId);
    this.newest = this.settled;
  }

  floor(): string {
    return String(this.newest);
  }

  lastId(): string {
    return String(this.newest);
  }

  recheckWindow(): { from: string; to: number } | undefined {
    this.settle();
    return this.recent.length
      ? { from: String(this.settled), to: this.newest }
      : undefined;
  }

  /** The lines not sent before, oldest first; remembers them. */
  take(lines: StoredLogLine[]): StoredLogLine[] {
    const sent = new Set(this.recent.map(r => r.id));
    const now = Date.now();
    const fresh = lines
      .filter(l => Number(l.id) > this.settled && !sent.has(Number(l.id)))
      .sort((a, b) => Number(a.id) - Number(b.id));
    for (const line of fresh) {
      const id = Number(line.id);
      this.recent.push({ id, at: now });
      if (id > this.newest) this.newest = id;
    }
    return fresh;
  }

  private settle() {
    const before = Date.now() - SETTLE_MS;
    this.recent.sort((a, b) => a.id - b.id);
    while (this.recent.length && this.recent[0].at < before) {
      this.settled = Math.max(this.settled, this.recent.shift()!.id);
    }
  }
}
