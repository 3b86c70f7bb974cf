import { WebSocket } from 'ws';

/**
 * Whether a connection is read: not while too much of what it sent waits to
 * be handled (its limits), nor for a moment after it went over
 * its live-frame rate. The agent's sends then wait in its own socket buffer,
 * which is its flow control.
 */
export class ReadGate {
  private frames = 0;
  private bytes = 0;
  private throttledUntil = 0;
  private timer?: NodeJS.Timeout;
  private paused = false;

  constructor(
    private readonly ws: Pick<WebSocket, 'pause' | 'resume'>,
    private readonly limits: { frames: number; bytes: number },
  ) {}

  queued(bytes: number) {
    this.frames += 1;
    this.bytes += bytes;
    this.update();
  }

  done(bytes: number) {
    this.frames -= 1;
    this.bytes -= bytes;
    this.update();
  }

  throttle(ms: number) {
    this.throttledUntil = Math.max(this.throttledUntil, Date.now() + ms);
    this.update();
    this.wake();
  }

  close() {
    clearTimeout(this.timer);
  }

  /** Looks again once the throttle has passed. */
  private wake() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (Date.now() < this.throttledUntil) this.wake();
      else this.update();
    }, Math.max(1, this.throttledUntil - Date.now()));
  }

  private update() {
    const full =
      this.frames >= this.limits.frames || this.bytes >= this.limits.bytes;
    const drained =
      this.frames <= this.limits.frames / 2 &&
      this.bytes <= this.limits.bytes / 2;
    const throttled = Date.now() < this.throttledUntil;
    if (!this.paused && (full || throttled)) {
      this.paused = true;
      this.ws.pause();
    } else if (this.paused && drained && !throttled) {
      this.paused = false;
      this.ws.resume();
    }
  }
}
