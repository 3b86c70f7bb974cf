import { AddressInfo } from 'node:net';
import { IncomingMessage } from 'node:http';
import { mockServices } from '@backstage/backend-test-utils';
import { WebSocketServer } from 'ws';
import { Keepalive } from '../sockets/Keepalive';
import { AgentLinks } from './AgentLinks';
import { BridgeClient } from './BridgeClient';
import { LinkDirectory } from './LinkDirectory';

const INSTANCE = '0b6f7c2e-4a61-4d6e-9d2a-3f1c5e7a9b10';

/** A replica's bridge endpoint that answers each handshake as `answer` says (by attempt, from 1). */
async function holdingReplica(
  answer: (attempt: number) => 'accept' | 'late' | 403,
) {
  const requests: IncomingMessage[] = [];
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    verifyClient: (info, done) => {
      requests.push(info.req);
      const how = answer(requests.length);
      if (how === 'accept') done(true);
      else if (how === 403) done(false, 403, 'Forbidden');
      // 'late': never answered
    },
  });
  await new Promise(resolve => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  return {
    requests,
    url: `http://127.0.0.1:${port}/api/sindri`,
    close: () => {
      wss.clients.forEach(c => c.terminate());
      wss.close();
    },
  };
}

function client(url: string) {
  const links = new AgentLinks();
  const directory = {
    find: async () => ({
      replicaId: 'replica-a',
      internalUrl: url,
      name: 'dev-1',
    }),
  } as unknown as LinkDirectory;
  const keepalive = new Keepalive(60_000);
  const bridge = new BridgeClient({
    replicaId: 'replica-b',
    links,
    directory,
    auth: mockServices.auth(),
    keepalive,
    logger: mockServices.logger.mock(),
    openTimeoutMs: 300,
  });
  return { links, bridge, keepalive };
}

describe('BridgeClient', () => {
  it('tries a handshake the holding replica did not answer in time once more, with a service token, and links the agent', async () => {
    const replica = await holdingReplica(n => (n === 1 ? 'late' : 'accept'));
    const { links, bridge, keepalive } = client(replica.url);

    const link = await links.resolve(INSTANCE);

    expect(link).toMatchObject({ instanceId: INSTANCE, via: 'replica-a' });
    expect(links.get(INSTANCE)).toBe(link);
    expect(replica.requests).toHaveLength(2);
    expect(replica.requests[1].url).toBe(
      `/api/sindri/internal/agent-links/${INSTANCE}`,
    );
    expect(replica.requests[1].headers.authorization).toMatch(/^Bearer \S+/);
    bridge.close();
    keepalive.close();
    replica.close();
  });

  it('gives up after two unanswered handshakes, and at once on a refusal', async () => {
    const silent = await holdingReplica(() => 'late');
    const refusing = await holdingReplica(() => 403);

    const first = client(silent.url);
    expect(await first.links.resolve(INSTANCE)).toBeUndefined();
    expect(silent.requests).toHaveLength(2);

    const second = client(refusing.url);
    expect(await second.links.resolve(INSTANCE)).toBeUndefined();
    expect(refusing.requests).toHaveLength(1);

    [first, second].forEach(c => c.keepalive.close());
    silent.close();
    refusing.close();
  });
});
