import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Keepalive } from './Keepalive';

async function serverWithClients(
  count: number,
  clientOptions: { autoPong: boolean },
) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise(resolve => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  const serverSides: WebSocket[] = [];
  wss.on('connection', ws => serverSides.push(ws));
  const clients: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, clientOptions);
    await new Promise(resolve => ws.once('open', resolve));
    clients.push(ws);
  }
  while (serverSides.length < count) await new Promise(r => setTimeout(r, 5));
  return {
    clients,
    serverSides,
    close: () => {
      clients.forEach(c => c.terminate());
      wss.close();
    },
  };
}

describe('Keepalive', () => {
  it('pings each socket silent for a whole interval (the first look after it opened counts it heard), spread over the half interval rather than all at once', async () => {
    const keepalive = new Keepalive(1000);
    const { clients, serverSides, close } = await serverWithClients(20, {
      autoPong: true,
    });
    const firstPing: number[] = [];
    const t0 = performance.now();
    clients.forEach(c =>
      c.once('ping', () => firstPing.push(performance.now() - t0)),
    );
    serverSides.forEach(ws => keepalive.watch(ws));
    await new Promise(r => setTimeout(r, 1700));

    expect(firstPing).toHaveLength(20);
    // silent at the looks half an interval and an interval after the first
    expect(Math.min(...firstPing)).toBeGreaterThanOrEqual(1000 - 50);
    expect(Math.max(...firstPing)).toBeLessThanOrEqual(1500 + 100);
    // all at once would be a spread of a few milliseconds
    expect(Math.max(...firstPing) - Math.min(...firstPing)).toBeGreaterThan(
      250,
    );
    expect(keepalive.size).toBe(20);
    keepalive.close();
    close();
  });

  it('does not ping a peer that keeps talking, even one that never answers pings', async () => {
    const keepalive = new Keepalive(200);
    const { clients, serverSides, close } = await serverWithClients(1, {
      autoPong: false,
    });
    let pings = 0;
    clients[0].on('ping', () => pings++);
    const talking = setInterval(() => clients[0].send('frame'), 40);
    keepalive.watch(serverSides[0]);
    await new Promise(r => setTimeout(r, 700));

    expect(pings).toBe(0);
    expect(serverSides[0].readyState).toBe(WebSocket.OPEN);
    clearInterval(talking);
    // silent from now on, and deaf to pings: gone within two intervals
    await new Promise(r => setTimeout(r, 400 + 100));
    expect(pings).toBeGreaterThan(0);
    expect(serverSides[0].readyState).toBe(WebSocket.CLOSED);
    keepalive.close();
    close();
  });

  it('does not ping a peer that talks a little less often than the interval (an agent heartbeating at it)', async () => {
    const keepalive = new Keepalive(200);
    const { clients, serverSides, close } = await serverWithClients(1, {
      autoPong: true,
    });
    let pings = 0;
    clients[0].on('ping', () => pings++);
    const talking = setInterval(() => clients[0].send('heartbeat'), 170);
    keepalive.watch(serverSides[0]);
    await new Promise(r => setTimeout(r, 1500));

    expect(pings).toBe(0);
    clearInterval(talking);
    keepalive.close();
    close();
  });

  it('ends a socket whose peer stops answering within two intervals, and keeps the others', async () => {
    const keepalive = new Keepalive(400);
    const alive = await serverWithClients(3, { autoPong: true });
    const silent = await serverWithClients(2, { autoPong: false });
    const dead: number[] = [];
    const t0 = performance.now();
    alive.serverSides.forEach(ws => keepalive.watch(ws));
    silent.serverSides.forEach(ws =>
      keepalive.watch(ws, () => dead.push(performance.now() - t0)),
    );
    await new Promise(r => setTimeout(r, 1000));

    expect(dead).toHaveLength(2);
    expect(Math.max(...dead)).toBeLessThanOrEqual(800 + 100);
    expect(silent.serverSides.map(ws => ws.readyState)).toEqual([
      WebSocket.CLOSED,
      WebSocket.CLOSED,
    ]);
    expect(alive.serverSides.map(ws => ws.readyState)).toEqual([
      WebSocket.OPEN,
      WebSocket.OPEN,
      WebSocket.OPEN,
    ]);
    expect(keepalive.size).toBe(3);
    keepalive.close();
    alive.close();
    silent.close();
  });
});
