import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { Agent, resolveConfig } from 'sindri-agent';
import sindriPlugin from '@internal/plugin-sindri-backend';
import { pollUntil } from '@internal/plugin-sindri-common';

jest.setTimeout(120_000);

const registryDir = path.resolve(__dirname, '../../../registry/sindri-v3');
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const ops = mockCredentials.user.header('user:default/ops');

describe('logs from a real agent', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let agent: Agent | undefined;

  afterEach(async () => {
    await agent?.flushAndStop(2000);
  });

  it.each(databases.eachSupportedId())(
    'a line written to a tailed file is found by search within 2 s, masked, with its level and source, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          sindriPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { sindri: { registry: { path: registryDir } } },
          }),
        ],
      });
      const port = (server.address() as net.AddressInfo).port;
      const enrolled = await request(server)
        .post('/api/sindri/enrollments')
        .set('Authorization', ops)
        .send({ name: 'logs-1', owner: 'group:default/platform' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sindri-logs-e2e-'));
      const logs = path.join(dir, '.sindri/logs');
      fs.mkdirSync(logs, { recursive: true });
      const file = path.join(logs, 'python.log');
      fs.writeFileSync(file, 'installing python 3.13\n');
      agent = new Agent(
        resolveConfig(
          {
            'console-url': `http://127.0.0.1:${port}`,
            name: 'logs-1',
            'state-dir': path.join(dir, 'state'),
            workspace: dir,
          },
          { HOME: dir, SINDRI_AGENT_TOKEN: enrolled.body.token },
        ),
        silent,
      );
      await agent.start();
      const search = async (q: string) =>
        (
          await request(server)
            .get(`/api/sindri/logs?q=${encodeURIComponent(q)}`)
            .set('Authorization', ops)
        ).body.items as any[];
      // what the file held when the agent started is shipped too
      await pollUntil(
        async () => (await search('python')).length > 0,
        'the existing line',
        30_000,
      );

      fs.appendFileSync(
        file,
        'ERROR pip failed to reach the index, PIP_PASSWORD=hunter2\n',
      );
      const written = Date.now();
      await pollUntil(
        async () => (await search('reach index')).length > 0,
        'the new line',
        10_000,
      );
      expect(Date.now() - written).toBeLessThan(2000);
      expect(await search('reach index')).toEqual([
        expect.objectContaining({
          instance: 'logs-1',
          source: file,
          level: 'error',
          text: 'ERROR pip failed to reach the index, PIP_PASSWORD=***',
        }),
      ]);
      expect(await search('hunter2')).toEqual([]);
    },
  );
});
