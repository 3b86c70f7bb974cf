import net, { AddressInfo } from 'node:net';

/**
 * A loopback TCP load balancer for tests: each new connection goes to the
 * next backend in turn (HTTP and WebSocket upgrades alike, as an L4 balancer
 * does); a backend that refuses is skipped for the next one. Records where
 * each connection went.
 */
export class RoundRobinProxy {
  /** the backend index each accepted connection was sent to, in order */
  readonly routed: number[] = [];
  private next = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;

  private constructor(private targets: Array<number | undefined>) {
    this.server = net.createServer(client => this.accept(client));
  }

  static async start(ports: number[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(ports);
    await new Promise<void>(resolve =>
      proxy.server.listen(0, '127.0.0.1', resolve),
    );
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The Sindri base URL through the proxy (host:port/api/sindri). */
  get base(): string {
    return `127.0.0.1:${this.port}/api/sindri`;
  }

  /** A backend restarted on another port, or gone (undefined). */
  setTarget(index: number, port: number | undefined) {
    this.targets[index] = port;
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise(resolve => this.server.close(resolve));
  }

  private accept(client: net.Socket) {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.pause();
    this.connect(client, this.targets.length);
  }

  private connect(client: net.Socket, triesLeft: number) {
    if (triesLeft === 0) {
      client.destroy();
      return;
    }
    const index = this.next;
    this.next = (this.next + 1) % this.targets.length;
    const port = this.targets[index];
    if (port === undefined) {
      this.connect(client, triesLeft - 1);
      return;
    }
    const upstream = net.connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('error', () => {
      if (!connected) this.connect(client, triesLeft - 1);
    });
    upstream.once('connect', () => {
      connected = true;
      this.routed.push(index);
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      client.on('close', () => upstream.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }
}
