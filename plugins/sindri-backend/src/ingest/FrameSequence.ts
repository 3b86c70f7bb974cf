interface Entry<A> {
  together: boolean;
  /** dropped once started: the frame it closes over need not wait for the answer */
  work?: () => Promise<A> | A;
  settled: () => void;
  state: 'waiting' | 'running' | 'done';
  outcome?: { answer: A } | { error: unknown };
}

const isPromiseLike = <A>(value: Promise<A> | A): value is Promise<A> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * One connection's ingest frames, answered in the order they arrived.
 *
 * A frame whose storing commutes with the others of its kind (heartbeats and
 * metrics, which go into the same group commit, whose writes do not depend
 * on their order) starts as soon as no other kind of frame is ahead of it, without
 * waiting for the frames before it to be stored: an agent sending a window of
 * samples gets them into one lot instead of one lot each. Any other frame (a
 * registration, an event, logs) starts once everything before it is done, and
 * everything after it waits for it. Answers leave in arrival order whenever
 * each frame's work ends.
 *
 * Counters and one queue rather than a chain of promises: thousands of frames
 * wait here at once, and what each keeps alive is copied by every
 * young-generation collection while it waits.
 */
export class FrameSequence<A> {
  /** frames not yet answered, oldest first, from `head` on */
  private queue: Array<Entry<A> | undefined> = [];
  private head = 0;
  /** the index in `queue` of the first frame not yet started */
  private started = 0;
  /** a frame whose answer is ready at once ends inside the loop that started it: that loop goes on */
  private starting = false;
  /** started frames not yet done, and how many of those run alone */
  private running = 0;
  private runningAlone = 0;

  constructor(
    /** sends one frame's answer; called in arrival order */
    private readonly answer: (answer: A) => void,
    /** a frame's work or its answer failed; the sequence goes on */
    private readonly failed: (error: unknown) => void,
  ) {}

  /**
   * Queues one frame's work. `together`: it may run alongside the frames
   * ahead of it that are `together` too. `settled` runs once its answer has
   * been sent (or its work failed).
   */
  push(together: boolean, work: () => Promise<A> | A, settled: () => void) {
    this.queue.push({ together, work, settled, state: 'waiting' });
    this.startWhatMay();
  }

  private startWhatMay() {
    if (this.starting) return;
    this.starting = true;
    try {
      while (this.started < this.queue.length) {
        const entry = this.queue[this.started]!;
        const may = entry.together
          ? this.runningAlone === 0
          : this.running === 0;
        if (!may) return;
        this.started += 1;
        this.run(entry);
      }
    } finally {
      this.starting = false;
    }
  }

  private run(entry: Entry<A>) {
    entry.state = 'running';
    this.running += 1;
    if (!entry.together) this.runningAlone += 1;
    const work = entry.work!;
    entry.work = undefined;
    let result: Promise<A> | A;
    try {
      result = work();
    } catch (error) {
      this.finish(entry, { error });
      return;
    }
    if (isPromiseLike(result))
      result.then(
        answer => this.finish(entry, { answer }),
        error => this.finish(entry, { error }),
      );
    else this.finish(entry, { answer: result });
  }

  private finish(entry: Entry<A>, outcome: Entry<A>['outcome']) {
    entry.state = 'done';
    entry.outcome = outcome;
    this.running -= 1;
    if (!entry.together) this.runningAlone -= 1;
    while (
      this.head < this.queue.length &&
      this.queue[this.head]!.state === 'done'
    ) {
      const head = this.queue[this.head]!;
      this.queue[this.head] = undefined;
      this.head += 1;
      try {
        if (head.outcome && 'answer' in head.outcome)
          this.answer(head.outcome.answer);
        else this.failed(head.outcome?.error);
      } catch (error) {
        this.failed(error);
      } finally {
        head.settled();
      }
    }
    this.compact();
    this.startWhatMay();
  }

  /** Drops the answered frames from the front of the queue once they are most of it. */
  private compact() {
    if (this.head < 1024 && this.head < this.queue.length) return;
    if (this.head * 2 < this.queue.length) return;
    this.queue = this.queue.slice(this.head);
    this.started -= this.head;
    this.head = 0;
  }
}
