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
 * metrics, which go into the same group commit, in the order they were
 * added) starts as soon as no other kind of frame is ahead of it, without
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
  /** frames not yet answered, oldest first */
  private readonly queue: Entry<A>[] = [];
  /** how many frames at the head of the queue have started */
  private started = 0;
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
    while (this.started < this.queue.length) {
      const entry = this.queue[this.started];
      const may = entry.together ? this.runningAlone === 0 : this.running === 0;
      if (!may) return;
      this.started += 1;
      this.run(entry);
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
    while (this.queue.length && this.queue[0].state === 'done') {
      const head = this.queue.shift()!;
      this.started -= 1;
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
    this.startWhatMay();
  }
}
