import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { SindriDeploymentsClient } from './SindriDeploymentsClient';

const operation = {
  id: 'op-1',
  instanceName: 'dev-1',
  kind: 'deploy',
  driver: 'local',
  state: 'running',
  actor: 'user:default/ops',
  startedAt: new Date().toISOString(),
  log: [],
};

/** A Sindri backend whose operation stream sends its snapshot and then nothing, for ever. */
async function silentBackend() {
  const server = http.createServer((req, res) => {
    if (req.url?.endsWith('/stream')) {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ type: 'snapshot', operation })}\n`);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(operation));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/sindri`,
  };
}

describe('SindriDeploymentsClient.follow', () => {
  it('never follows an operation for ever: past its time it stops, and says so', async () => {
    const { server, url } = await silentBackend();
    const client = new SindriDeploymentsClient({
      discovery: {
        getBaseUrl: async () => url,
        getExternalBaseUrl: async () => url,
      },
      auth: mockServices.auth(),
    });
    const started = Date.now();
    await expect(
      client.follow('op-1', mockCredentials.user(), () => {}, undefined, 300),
    ).rejects.toThrow(
      /^stopped following operation op-1 after 0 minutes; it may still be running/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });
});
