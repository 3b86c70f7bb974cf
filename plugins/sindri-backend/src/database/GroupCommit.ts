interface Waiting<T, R> {
  item: T;
  done: (result: R) => void;
  fail: (error: unknown) => void;
}

/**
 * Group commit: what arrives within a few milliseconds, from any number of
 * callers, is written in one go, and each caller's promise settles with its
 * own result once the whole lot is written (so an ack still means stored).
 * One lot is written at a time, in arrival order; what arrives while a lot is
 * being written waits and goes in the next one, up to `maxBatch` items, so a
 * slower database gets bigger lots rather than a growing line of small ones.
 * A failed write fails every caller in it.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private timer?: NodeJS.Timeout;
  private writing = false;

  constructor(
    private readonly writeAll: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch: number; maxDelayMs: number },
  ) {}

  add(item: T): Promise<R> {
    return new Promise((done, fail) => {
      this.queue.push({ item, done, fail });
      if (this.writing) return;
      if (this.queue.length >= this.options.maxBatch) this.schedule(0);
      else if (!this.timer) this.schedule(this.options.maxDelayMs);
    });
  }

  /** How many items wait for a lot. */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeNext();
    }, delay);
  }

  private async writeNext() {
    if (this.writing || !this.queue.length) return;
    this.writing = true;
    const lot = this.queue.splice(0, this.options.maxBatch);
    try {
      const results = await this.writeAll(lot.map(w => w.item));
      lot.forEach((w, i) => w.done(results[i]));
    } catch (error) {
      lot.forEach(w => w.fail(error));
    } finally {
      this.writing = false;
    }
    // what came meanwhile has waited long enough
    if (this.queue.length) void this.writeNext();
  }
}
