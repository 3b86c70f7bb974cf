import { mockCredentials } from '@backstage/backend-test-utils';
import WebSocket from 'ws';

/** The browser's side of a terminal: cookie auth, output collected, acks only when told. */
export function openTerminal(
  port: number,
  instance: string,
  session: string,
  user = 'user:default/ops',
) {
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}/api/sindri/instances/${instance}/terminal/${session}?cols=120&rows=40`,
    {
      headers: { Cookie: mockCredentials.limitedUser.cookie(user) },
    },
  );
  const client = {
    ws,
    output: '',
    received: 0,
    acked: 0,
    autoAck: true,
    ack() {
      const bytes = client.received - client.acked;
      if (bytes > 0) ws.send(JSON.stringify({ type: 'ack', bytes }));
      client.acked = client.received;
    },
    type: (text: string) => ws.send(Buffer.from(text), { binary: true }),
    opened: new Promise(resolve => ws.once('open', resolve)),
  };
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    client.output += data.toString();
    client.received += (data as Buffer).length;
    if (client.autoAck) client.ack();
  });
  return client;
}
