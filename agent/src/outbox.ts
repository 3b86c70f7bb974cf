import { AgentFrame, frameId } from '@internal/plugin-sindri-common';

/**
 * Samples waiting for the portal's ack, oldest first. Bounded: when full the
 * oldest is dropped and counted. A sample leaves only when the portal acks it,
 * so whatever was in flight when a connection broke is sent again.
 */
export class Outbox {
  private readonly entries = new Map<string, { frame: AgentFrame; sent: boolean }>();
  dropped = 0;

  constructor(private readonly capacity: number, private readonly onDrop: (dropped: number) => void = () => {}) {}

  get size(): number {
    return this.entries.size;
  }

  push(frame: AgentFrame): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.dropped += 1;
      this.onDrop(this.dropped);
    }
    this.entries.set(frameId(frame), { frame, sent: false });
  }

  /** Frames not sent on the current connection, oldest first, marked as sent. */
  takeUnsent(limit = Infinity): AgentFrame[] {
    const out: AgentFrame[] = [];
    for (const entry of this.entries.values()) {
      if (out.length >= limit) break;
      if (!entry.sent) {
        entry.sent = true;
        out.push(entry.frame);
      }
    }
    return out;
  }

  ack(id: string): void {
    this.entries.delete(id);
  }

  /** After a disconnect: everything unacked must be sent again. */
  resetSent(): void {
    for (const entry of this.entries.values()) entry.sent = false;
  }
}
