/** Reads at least this large mean the shell writes faster than we read: more is coming. */
const STREAMING_READ_BYTES = 1024;

/**
 * Gathers a session's PTY reads into frames. A lone small read (a keystroke's
 * echo) leaves at once, small reads following it on the next turn of the
 * event loop; large reads mean
 * a stream, gathered for up to `maxDelayMs` or `maxBytes`, so a flood crosses
 * the relay in few large frames instead of one per 4 KiB read (each frame
 * costs every hop a message, a syscall and its bookkeeping). The reads are
 * handed over as they are, never above `maxBytes` together (but a single
 * larger read), so that the frame is the only copy made of them.
 */
export class OutputBatcher {
  private pending: Buffer[] = [];
  private bytes = 0;
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;

  constructor(
    private readonly send: (parts: Buffer[], bytes: number) => void,
    private readonly options: { maxBytes: number; maxDelayMs: number },
  ) {}

  get pendingBytes(): number {
    return this.bytes;
  }

  push(bytes: Buffer) {
    if (this.bytes > 0 && this.bytes + bytes.length > this.options.maxBytes)
      this.flush();
    this.pending.push(bytes);
    this.bytes += bytes.length;
    if (this.bytes >= this.options.maxBytes) {
      this.flush();
    } else if (this.bytes >= STREAMING_READ_BYTES) {
      if (this.timer) return;
      clearImmediate(this.immediate);
      this.immediate = undefined;
      this.timer = setTimeout(this.flush, this.options.maxDelayMs);
    } else if (!this.timer && !this.immediate) {
      // nothing was waiting: this read leaves now, what follows it this turn on the next
      this.flush();
      this.immediate = setImmediate(this.flush);
    }
  }

  /** Sends what is gathered now. */
  readonly flush = () => {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    if (this.bytes === 0) return;
    const parts = this.pending;
    const bytes = this.bytes;
    this.pending = [];
    this.bytes = 0;
    this.send(parts, bytes);
  };

  /** Forgets what is gathered (nobody is attached to see it). */
  clear() {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.pending = [];
    this.bytes = 0;
  }
}
