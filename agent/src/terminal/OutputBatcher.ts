/** Reads at least this large mean the shell writes faster than we read: more is coming. */
const STREAMING_READ_BYTES = 1024;

/**
 * Gathers a session's PTY reads into frames. A small read (a keystroke's
 * echo, a prompt) leaves on the next turn of the event loop; large reads mean
 * a stream, gathered for up to `maxDelayMs` or `maxBytes`, so a flood crosses
 * the relay in few large frames instead of one per 4 KiB read (each frame
 * costs every hop a message, a syscall and its bookkeeping).
 */
export class OutputBatcher {
  private pending: Buffer[] = [];
  private bytes = 0;
  private timer?: NodeJS.Timeout;
  private immediate?: NodeJS.Immediate;

  constructor(
    private readonly send: (bytes: Buffer) => void,
    private readonly options: { maxBytes: number; maxDelayMs: number },
  ) {}

  get pendingBytes(): number {
    return this.bytes;
  }

  push(bytes: Buffer) {
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
    const bytes =
      this.pending.length === 1
        ? this.pending[0]
        : Buffer.concat(this.pending, this.bytes);
    this.pending = [];
    this.bytes = 0;
    this.send(bytes);
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
