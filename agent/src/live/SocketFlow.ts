import { LIVE_LIMITS } from '@internal/plugin-sindri-common';

/**
 * Backpressure of the agent's own WebSocket: paused once more than
 * `highWaterBytes` wait in its send buffer, resumed below `lowWaterBytes`.
 * Terminals and commands stop reading their output while it is paused.
 */
export class SocketFlow {
  private paused = false;
  private timer?: NodeJS.Timeout;
  private readonly listeners: Array<(paused: boolean) => void> = [];

  constructor(
    private readonly socket: { readonly bufferedAmount: number },
    private readonly limits: {
      highWaterBytes: number;
      lowWaterBytes: number;
    } = LIVE_LIMITS,
    private readonly pollMs = 10,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  onChange(listener: (paused: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Looks at the send buffer; call after sending and when a send completes. */
  readonly check = (): void => {
    const buffered = this.socket.bufferedAmount;
    if (!this.paused && buffered > this.limits.highWaterBytes) {
      this.set(true);
      // sends completing call check too; the timer is for sends that complete together
      this.timer = setInterval(this.check, this.pollMs);
      this.timer.unref();
    } else if (this.paused && buffered < this.limits.lowWaterBytes) {
      this.set(false);
    }
  };

  /** The socket is gone (or new): nothing waits in it. */
  reset(): void {
    if (this.paused) this.set(false);
  }

  private set(paused: boolean) {
    this.paused = paused;
    if (!paused) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.listeners.forEach(l => l(paused));
  }
}
