interface Waiting<T, R> {
  item: T;
  done: (result: R) => void;
  fail: (error: unknown) => void;
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
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private timer?: NodeJS.Timeout;
  /** the timer is for a full lot, not for the delay */
  private timerNow = false;
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
      this.queue.push({ item, done, fail });
      this.plan();
    });
  }

  /** Starts a lot now if a full one waits, or soon if a partial one does, when a write may start. */
  private plan() {
    if (this.writing >= this.concurrency || !this.queue.length) return;
    if (this.queue.length >= this.options.maxBatch) {
      if (!this.timer || !this.timerNow) this.schedule(0);
    } else if (!this.timer) this.schedule(this.options.maxDelayMs);
  }

  /** How many items wait for a lot. */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timerNow = delay === 0;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeNext();
    }, delay);
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
