import { mockCredentials } from '@backstage/backend-test-utils';
import WebSocket from 'ws';

/**
 * A browser terminal that does what the portal's does when its socket drops
 * (a replica stopping, the agent moving): it attaches to the same session
 * again, through whichever replica the load balancer picks, and takes the
 * replay. Every byte received, replays included, is kept in order.
 */
export class ReattachingTerminal {
  output = '';
  attaches = 0;
  private ws?: WebSocket;
  private stopped = false;
  private readonly pendingInput: string[] = [];

  constructor(
    private readonly port: number,
    private readonly instance: string,
    private readonly session: string,
  ) {}

  start() {
    this.attach();
  }

  /** Sends once attached; a line typed while away waits for the next attach. */
  type(text: string) {
    if (this.ws?.readyState === WebSocket.OPEN)
      this.ws.send(Buffer.from(text), { binary: true });
    else this.pendingInput.push(text);
  }

  stop() {
    this.stopped = true;
    this.ws?.close();
  }

  private attach() {
    if (this.stopped) return;
    const ws = new WebSocket(
      `ws://127.0.0.1:${this.port}/api/sindri/instances/${this.instance}/terminal/${this.session}?cols=120&rows=40`,
      {
        headers: {
          Cookie: mockCredentials.limitedUser.cookie('user:default/ops'),
        },
      },
    );
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        if (JSON.parse(data.toString()).type === 'opened') {
          this.attaches += 1;
          for (const text of this.pendingInput.splice(0))
            ws.send(Buffer.from(text), { binary: true });
        }
        return;
      }
      this.output += data.toString();
      ws.send(JSON.stringify({ type: 'ack', bytes: (data as Buffer).length }));
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.ws === ws) setTimeout(() => this.attach(), 100);
    });
  }
}
