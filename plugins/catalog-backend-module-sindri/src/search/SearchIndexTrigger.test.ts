import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SearchIndexTrigger } from './SearchIndexTrigger';

/** The search backend's scheduler route, answering each trigger with the next status in `answers`. */
async function schedulerRoute(answers: number[]) {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    calls.push(
      `${req.method} ${req.url} ${req.headers.authorization ? 'auth' : 'none'}`,
    );
    res.statusCode = answers.shift() ?? 200;
    res.end();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/search`;
  return { calls, base, close: () => new Promise(r => server.close(r)) };
}

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: { type: 'sindri-instance', owner: 'group:default/platform' },
});

function trigger(base: string, entities: any[]) {
  const logger = mockServices.logger.mock();
  return {
    logger,
    trigger: new SearchIndexTrigger({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => base,
        getExternalBaseUrl: async () => base,
      },
      catalog: catalogServiceMock({ entities }),
      logger,
      timing: {
        entityTimeoutMs: 300,
        pollMs: 20,
        busyRetryMs: 10,
        busyAttempts: 4,
      },
    }),
  };
}

describe('SearchIndexTrigger', () => {
  it('triggers the catalog index task with service credentials, again while a run is under way or the task is not scheduled yet', async () => {
    const route = await schedulerRoute([409, 404, 200]);
    const { trigger: t } = trigger(route.base, [entity('dev-1')]);
    await t.request('resource:default/dev-1');
    expect(route.calls).toEqual(
      Array(3).fill(
        'POST /api/search/.backstage/scheduler/v1/tasks/search_index_software_catalog/trigger auth',
      ),
    );
    await route.close();
  });

  it('folds requests that arrive meanwhile into one more run, and indexes without an entity the catalog never serves', async () => {
    const route = await schedulerRoute([]);
    const { trigger: t, logger } = trigger(route.base, [
      entity('dev-1'),
      entity('dev-2'),
    ]);
    const first = t.request('resource:default/dev-1');
    t.request('resource:default/dev-2');
    t.request('resource:default/ghost');
    await first;
    // one run for dev-1, one more for the two that came while it ran
    expect(route.calls).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^resource:default\/ghost not in the catalog after 300 ms/,
      ),
    );
    await route.close();
  });

  it('gives up after a few attempts and leaves the entity to the collator, saying so', async () => {
    const route = await schedulerRoute([500]);
    const { trigger: t, logger } = trigger(route.base, [entity('dev-1')]);
    await t.request('resource:default/dev-1');
    expect(route.calls).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /answered 500; the collator's schedule will index them$/,
      ),
    );
    await route.close();
  });
});
