import type * as Ws from 'ws';

// jsdom resolves `ws` to its browser stub: load the Node build by path.
const { WebSocketServer } = jest.requireActual(
  require.resolve('ws/package.json').replace(/package\.json$/, 'index.js'),
) as typeof Ws;

/** One browser connection as the mock server saw it. */
export class TerminalPeer {
  readonly url: URL;
  /** binary messages (keystrokes), decoded */
  readonly input: string[] = [];
  /** text messages (JSON control) */
  readonly control: any[] = [];
  closed?: { code: number; reason: string };

  constructor(readonly socket: Ws.WebSocket, request: { url?: string }) {
    this.url = new URL(request.url ?? '/', 'http://127.0.0.1');
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.input.push(data.toString('utf8'));
      else this.control.push(JSON.parse(data.toString('utf8')));
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  get session(): string {
    return decodeURIComponent(this.url.pathname.split('/').pop()!);
  }

  get typed(): string {
    return this.input.join('');
  }

  json(message: object) {
    this.socket.send(JSON.stringify(message));
  }

  output(text: string) {
    this.socket.send(Buffer.from(text, 'utf8'));
  }

  acked(): number {
    return this.control
      .filter(m => m.type === 'ack')
      .reduce((sum, m) => sum + m.bytes, 0);
  }
}

/** A real WebSocket server on 127.0.0.1 standing in for the sindri backend's terminal endpoint. */
export async function startTerminalServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise(resolve => server.once('listening', resolve));
  const peers: TerminalPeer[] = [];
  server.on('connection', (socket, request) =>
    peers.push(new TerminalPeer(socket, request)),
  );
  return {
    peers,
    baseUrl: `http://127.0.0.1:${
      (server.address() as { port: number }).port
    }/api/sindri`,
    close: () =>
      new Promise<void>(resolve => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
