import { WebSocket } from 'ws';

interface Watched {
  group: Map<WebSocket, Watched>;
  onDead?: () => void;
  /** a ping went out and no answer came yet */
  waiting: boolean;
  /** the peer sent something since its group's last tick */
  heard: boolean;
  /** looks in a row that found the peer silent */
  silentLooks: number;
}

/** The watched sockets are pinged in this many groups, one group per tick. */
const GROUPS = 10;

/** A watched socket's entry, on the socket: its listeners are shared functions, not closures of their own. */
const WATCHED = Symbol('keepalive');
type WatchedSocket = WebSocket & { [WATCHED]?: Watched };

function heard(this: WatchedSocket) {
  const entry = this[WATCHED];
  if (entry) entry.heard = true;
}

function forget(this: WatchedSocket) {
  this[WATCHED]?.group.delete(this);
  this[WATCHED] = undefined;
}

/**
 * Pings the sockets it watches. A peer that has not answered one ping by the
 * next look is gone (a sleeping laptop, a dropped NAT entry, a half-open TCP
 * connection): its socket is terminated and `onDead` told. Each socket is
 * looked at every half interval; only one silent at two looks in a row (for a
 * whole interval) is pinged, so a silent peer is found within two intervals.
 * A peer that talks at least once per interval is never pinged: an agent
 * reporting every 10 s needs none at the default, and each ping is a write,
 * which costs as much as the frames it would have duplicated (half of a fleet
 * pinged every half interval was a thousand writes a second at 10,000 agents).
 * The sockets are spread over groups looked at one after another across the
 * half interval: ten thousand pings at once stall the event loop for hundreds
 * of milliseconds, which every frame arriving then waits for.
 */
export class Keepalive {
  private readonly groups: Map<WebSocket, Watched>[] = Array.from(
    { length: GROUPS },
    () => new Map(),
  );
  private next = 0;
  private added = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly intervalMs: number) {
    this.timer = setInterval(
      () => this.tick(),
      Math.max(1, Math.floor(intervalMs / 2 / GROUPS)),
    );
    this.timer.unref?.();
  }

  watch(ws: WebSocket, onDead?: () => void): void {
    const group = this.groups[this.added++ % GROUPS];
    // a socket just opened has just heard from its peer
    const entry: Watched = {
      group,
      onDead,
      waiting: false,
      heard: true,
      silentLooks: 0,
    };
    group.set(ws, entry);
    (ws as WatchedSocket)[WATCHED] = entry;
    ws.on('pong', heard);
    ws.on('message', heard);
    ws.on('close', forget);
  }

  /** How many sockets are watched. */
  get size(): number {
    return this.groups.reduce((n, g) => n + g.size, 0);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private tick() {
    const group = this.groups[this.next];
    this.next = (this.next + 1) % GROUPS;
    for (const [ws, entry] of group) {
      if (entry.heard) {
        entry.heard = false;
        entry.waiting = false;
        entry.silentLooks = 0;
        continue;
      }
      if (entry.waiting) {
        group.delete(ws);
        ws.terminate();
        entry.onDead?.();
        continue;
      }
      if (++entry.silentLooks < 2) continue;
      if (ws.readyState !== WebSocket.OPEN) continue;
      entry.waiting = true;
      ws.ping();
    }
  }
}
