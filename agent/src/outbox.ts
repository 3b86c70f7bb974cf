import { AgentFrame, frameId } from '@internal/plugin-sindri-common';

interface Entry {
  frame: AgentFrame;
  sent: boolean;
  /** a frame the portal refused for now is not sent again before this time */
  notBefore: number;
}

/**
 * Samples waiting for the portal's ack, oldest first. Bounded: when full the
 * oldest is dropped and counted. A sample leaves only when the portal acks it
 * or finds it invalid, so whatever was in flight when a connection broke, or
 * was refused for now (the portal's database away, a rate limit), is sent
 * again.
 */
export class Outbox {
  private readonly entries = new Map<string, Entry>();
  dropped = 0;
  /** frames the portal found invalid and that were given up */
  invalid = 0;

  constructor(
    private readonly capacity: number,
    private readonly onDrop: (
      dropped: number,
      frame: AgentFrame,
    ) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  push(frame: AgentFrame): void {
    if (this.entries.size >= this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [
        string,
        Entry,
      ];
      this.entries.delete(oldest);
      this.dropped += 1;
      this.onDrop(this.dropped, entry.frame);
    }
    this.entries.set(frameId(frame), { frame, sent: false, notBefore: 0 });
  }

  /**
   * Frames not sent on the current connection and due, oldest first, marked
   * as sent: at most `limit` of them, and no more than `maxBytes` of JSON
   * (`size` measures one). A frame that alone is over `maxBytes` is skipped.
   */
  takeUnsent(
    limit = Infinity,
    budget?: { maxBytes: number; size: (frame: AgentFrame) => number },
  ): AgentFrame[] {
    const out: AgentFrame[] = [];
    const now = this.now();
    let bytes = 0;
    for (const entry of this.entries.values()) {
      if (out.length >= limit) break;
      if (entry.sent || entry.notBefore > now) continue;
      if (budget) {
        const size = budget.size(entry.frame) + 1;
        if (size > budget.maxBytes) continue;
        if (bytes + size > budget.maxBytes) break;
        bytes += size;
      }
      entry.sent = true;
      out.push(entry.frame);
    }
    return out;
  }

  /** When the next frame refused for now is due, if any waits. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const entry of this.entries.values()) {
      if (
        !entry.sent &&
        entry.notBefore > 0 &&
        (next === undefined || entry.notBefore < next)
      )
        next = entry.notBefore;
    }
    return next;
  }

  ack(id: string): void {
    this.entries.delete(id);
  }

  /** The portal refused the frame for now: it is sent again, not before `delayMs` from now. */
  retryLater(id: string, delayMs: number): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    entry.sent = false;
    entry.notBefore = this.now() + delayMs;
    return true;
  }

  /** The portal found the frame invalid: it never will be taken, so it is given up and counted. */
  giveUp(id: string): boolean {
    if (!this.entries.delete(id)) return false;
    this.invalid += 1;
    return true;
  }

  /** Gives up every frame the check says can never be sent (e.g. larger than any batch); returns how many. */
  giveUpWhere(check: (frame: AgentFrame) => boolean): number {
    let n = 0;
    for (const [id, entry] of this.entries) {
      if (check(entry.frame)) {
        this.entries.delete(id);
        n += 1;
      }
    }
    this.invalid += n;
    return n;
  }

  /** After a disconnect: everything unacked must be sent again. */
  resetSent(): void {
    for (const entry of this.entries.values()) entry.sent = false;
  }
}
