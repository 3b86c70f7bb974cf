interface Waiting<T, R> {
  item: T;
  done: (result: R) => void;
  fail: (error: unknown) => void;
  /** when it was added, by performance.now() */
  at: number;
}

/**
 * Group commit: what arrives within a few milliseconds, from any number of
 * callers, is written in one go, and each caller's promise settles with its
 * own result once the whole lot is written (so an ack still means stored).
 * Lots are taken in arrival order, up to `maxBatch` items each, and at most
 * `concurrency` of them are written at once (1 unless told); what arrives
 * while that many are being written waits and goes in the next one, so a
 * slower database gets bigger lots rather than a growing line of small ones.
 * With more than one, lots may commit out of order: for writes that do not
 * depend on each other's order. A failed write fails every caller in it.
 *
 * A lot that is due (full, or its oldest item has waited `maxDelayMs`) is
 * started as soon as the current callback ends, not by a timer: an event
 * loop reading hundreds of sockets at once (agents answering a lot's acks)
 * runs its timers only once it has read them all, and the database would sit
 * idle meanwhile. The timer is for an item that nothing comes after.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private timer?: NodeJS.Timeout;
  /** a lot starts once the current callback ends */
  private starting = false;
  private writing = 0;
  private readonly concurrency: number;

  constructor(
    private readonly writeAll: (items: T[]) => Promise<R[]>,
    private readonly options: {
      maxBatch: number;
      maxDelayMs: number;
      concurrency?: number;
    },
  ) {
    this.concurrency = options.concurrency ?? 1;
  }

  add(item: T): Promise<R> {
    return new Promise((done, fail) => {
      this.queue.push({ item, done, fail, at: performance.now() });
      this.plan();
    });
  }

  /** Starts a lot soon if one is due and a write may start, or sets the timer for the oldest item's delay. */
  private plan() {
    if (this.writing >= this.concurrency || !this.queue.length) return;
    const waited = performance.now() - this.queue[0].at;
    if (
      this.queue.length >= this.options.maxBatch ||
      waited >= this.options.maxDelayMs
    )
      this.startSoon();
    else if (!this.timer)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.writeNext();
      }, this.options.maxDelayMs - waited);
  }

  /** How many items wait for a lot. */
  get waiting(): number {
    return this.queue.length;
  }

  private startSoon() {
    if (this.starting) return;
    this.starting = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    queueMicrotask(() => {
      this.starting = false;
      void this.writeNext();
    });
  }

  private async writeNext() {
    if (this.writing >= this.concurrency || !this.queue.length) return;
    this.writing += 1;
    const lot = this.queue.splice(0, this.options.maxBatch);
    this.plan();
    try {
      const results = await this.writeAll(lot.map(w => w.item));
      lot.forEach((w, i) => w.done(results[i]));
    } catch (error) {
      lot.forEach(w => w.fail(error));
    } finally {
      this.writing -= 1;
    }
    // what came meanwhile has waited long enough
    if (this.queue.length) void this.writeNext();
  }
}
