import net from 'node:net';
import { TestDatabases } from '@backstage/backend-test-utils';
import { startLiveBackend } from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

describe('WebSocket upgrades the plugin does not serve', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('are answered as plain requests, and their connection is closed, not held open', async () => {
    const { port } = await startLiveBackend(await databases.init('SQLITE_3'));
    const socket = net.connect(port, '127.0.0.1');
    await new Promise(resolve => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', chunk => (answer += chunk.toString()));
    const closed = new Promise<number>(resolve =>
      socket.once('close', () => resolve(Date.now())),
    );
    const sentAt = Date.now();
    socket.write(
      'GET /api/sindri/instances/dev-1/terminal/ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect((await closed) - sentAt).toBeLessThan(2000);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
  });
});
