interface Waiting<T, R> {
  item: T;
  done: (result: R) => void;
  fail: (error: unknown) => void;
}

/**
 * Group commit: what arrives within a few milliseconds, from any number of
 * callers, is written in one go, and each caller's promise settles with its
 * own result once the whole lot is written (so an ack still means stored).
 * Lots are written one after another, in arrival order; a failed write fails
 * every caller in it.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly writeAll: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch: number; maxDelayMs: number },
  ) {}

  add(item: T): Promise<R> {
    return new Promise((done, fail) => {
      this.queue.push({ item, done, fail });
      if (this.queue.length >= this.options.maxBatch) this.schedule(0);
      else if (!this.timer) this.schedule(this.options.maxDelayMs);
    });
  }

  private schedule(delay: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const lot = this.queue;
      this.queue = [];
      this.flushing = this.flushing.then(() => this.write(lot));
    }, delay);
  }

  private async write(lot: Waiting<T, R>[]) {
    if (!lot.length) return;
    try {
      const results = await this.writeAll(lot.map(w => w.item));
      lot.forEach((w, i) => w.done(results[i]));
    } catch (error) {
      lot.forEach(w => w.fail(error));
    }
  }
}
