import { WebSocket } from 'ws';

/**
 * Pings the sockets it watches. A peer that has not answered one ping by the
 * next is gone (a sleeping laptop, a dropped NAT entry, a half-open TCP
 * connection): its socket is terminated and `onDead` told. Pings go out every
 * half interval, so a silent peer is found within one interval.
 */
export class Keepalive {
  private readonly watched = new Map<
    WebSocket,
    { onDead?: () => void; waiting: boolean }
  >();
  private readonly timer: NodeJS.Timeout;

  constructor(readonly intervalMs: number) {
    this.timer = setInterval(
      () => this.tick(),
      Math.max(1, Math.floor(intervalMs / 2)),
    );
    this.timer.unref?.();
  }

  watch(ws: WebSocket, onDead?: () => void): void {
    const entry = { onDead, waiting: false };
    this.watched.set(ws, entry);
    ws.on('pong', () => {
      entry.waiting = false;
    });
    ws.once('close', () => this.watched.delete(ws));
  }

  close(): void {
    clearInterval(this.timer);
  }

  private tick() {
    for (const [ws, entry] of this.watched) {
      if (entry.waiting) {
        this.watched.delete(ws);
        ws.terminate();
        entry.onDead?.();
        continue;
      }
      if (ws.readyState !== WebSocket.OPEN) continue;
      entry.waiting = true;
      ws.ping();
    }
  }
}
