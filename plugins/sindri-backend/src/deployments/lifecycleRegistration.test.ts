import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  DriverRun,
  SindriDriver,
  sindriDriversExtensionPoint,
} from '@internal/plugin-sindri-node';
import request from 'supertest';
import { pollUntil } from '@internal/plugin-sindri-common';
import { ScriptedAgent, startLiveBackend } from '../__testUtils__/liveHarness';

jest.setTimeout(60_000);

/** A driver that deploys nothing itself: the test plays the instance's agent with the token it was given. */
class HandOverDriver implements SindriDriver {
  readonly id = 'hand-over';
  token?: string;
  stops = 0;
  starts = 0;
  async plan() {}
  async deploy(_config: Record<string, unknown>, run: DriverRun) {
    this.token = run.env?.SINDRI_AGENT_TOKEN;
  }
  async status() {
    return { state: 'unknown' as const };
  }
  async stop() {
    this.stops += 1;
  }
  async start() {
    this.starts += 1;
  }
  async redeploy(_config: Record<string, unknown>, run: DriverRun) {
    this.token = run.env?.SINDRI_AGENT_TOKEN;
  }
  async destroy() {}
}

describe('lifecycle operations wait for the new agent', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('a resume right after a registration waits for the next one, not the one before it', async () => {
      const driver = new HandOverDriver();
      const workDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'sindri-handover-'),
      );
      const { server, base } = await startLiveBackend(
        await databases.init(databaseId),
        {
          config: {
            deployments: {
              workDir,
              defaultDriver: 'hand-over',
              catalogTimeout: { milliseconds: 0 },
            },
          },
          features: [
            createBackendModule({
              pluginId: 'sindri',
              moduleId: 'hand-over-driver',
              register(env) {
                env.registerInit({
                  deps: { drivers: sindriDriversExtensionPoint },
                  async init({ drivers }) {
                    drivers.addDriver(driver);
                  },
                });
              },
            }),
          ],
        },
      );
      const api = (method: 'get' | 'post', url: string) =>
        request(server)
          [method](`/api/sindri${url}`)
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/ops'),
          );
      const operationState = async (id: string): Promise<string> =>
        (await api('get', `/operations/${id}`)).body.state;
      const succeeded = async (id: string) => {
        for (let i = 0; i < 100; i++) {
          const state = await operationState(id);
          if (state !== 'running') return state;
          await new Promise(r => setTimeout(r, 100));
        }
        return 'still running after 10 s';
      };

      const created = await api('post', '/deployments').send({
        name: 'dev-1',
        owner: 'group:default/platform',
        config: {
          version: '3.0',
          name: 'dev-1',
          deployment: { provider: 'docker' },
          extensions: { profile: 'minimal' },
        },
      });
      expect(created.status).toBe(202);
      await pollUntil(() => driver.token !== undefined, 'the deploy');
      let agent = await ScriptedAgent.connect(base, driver.token!, 'dev-1');
      expect(await succeeded(created.body.operation.id)).toBe('succeeded');

      const suspend = await api('post', '/instances/dev-1/lifecycle').send({
        action: 'suspend',
      });
      agent.close();
      expect(await succeeded(suspend.body.operation.id)).toBe('succeeded');

      // the registration above is moments old: it must not pass for the resumed agent's
      const resume = await api('post', '/instances/dev-1/lifecycle').send({
        action: 'resume',
      });
      expect(resume.status).toBe(202);
      await pollUntil(() => driver.starts === 1, 'the driver to start');
      await new Promise(r => setTimeout(r, 1500));
      expect(await operationState(resume.body.operation.id)).toBe('running');
      expect((await api('get', '/instances/dev-1')).body.status).toBe(
        'stopped',
      );

      agent = await ScriptedAgent.connect(base, driver.token!, 'dev-1');
      expect(await succeeded(resume.body.operation.id)).toBe('succeeded');
      expect((await api('get', '/instances/dev-1')).body.status).toBe(
        'running',
      );
      agent.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    });
  });
});
