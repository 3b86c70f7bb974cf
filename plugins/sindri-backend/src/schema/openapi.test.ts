import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createRouter, RouterOptions } from '../service/router';

/** `get /instances/{name}` for every route of this Express router and of the routers it mounts. */
function routesOf(router: any): string[] {
  return router.stack.flatMap((layer: any) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method => `${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
      );
    }
    // a router mounted with router.use(subRouter); express-promise-router copies its stack onto the wrapper
    if (Array.isArray(layer.handle?.stack)) {
      if (!layer.regexp?.fast_slash) {
        throw new Error(
          `a router is mounted below a path (${layer.regexp}); teach servedRoutes() to prefix its routes`,
        );
      }
      return routesOf(layer.handle);
    }
    return [];
  });
}

/** Every route the Express router serves, sorted. */
async function servedRoutes(): Promise<string[]> {
  // the handlers are not called: inspecting the routes needs no real dependencies
  const router: any = await createRouter({} as RouterOptions);
  // the spec itself, served by every Backstage OpenAPI router
  return routesOf(router)
    .filter(route => route !== 'get /openapi.json')
    .sort();
}

describe('openapi.yaml', () => {
  const spec = parse(
    fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
  );
  const operations = Object.entries<any>(spec.paths).flatMap(([route, ops]) =>
    Object.entries<any>(ops)
      .filter(([method]) => method !== 'parameters')
      .map(([method, op]) => ({ key: `${method} ${route}`, op })),
  );
  // WebSocket upgrades are answered before Express: documented, but not router routes
  const webSockets = operations
    .filter(o => o.op['x-websocket'] === true)
    .map(o => o.key)
    .sort();
  const documented = operations
    .filter(o => o.op['x-websocket'] !== true)
    .map(o => o.key)
    .sort();

  it('documents exactly the routes the router serves', async () => {
    expect(documented).toEqual(await servedRoutes());
  });

  it('finds the routes of mounted routers', async () => {
    expect(await servedRoutes()).toEqual(
      expect.arrayContaining(['get /commands/{id}/stream', 'post /commands']),
    );
  });

  it('documents the WebSocket upgrades, which the router does not serve', async () => {
    expect(webSockets).toEqual([
      'get /agent/connect',
      'get /instances/{name}/terminal/{session}',
      'get /internal/agent-links/{instanceId}',
    ]);
    const served = await servedRoutes();
    expect(webSockets.filter(key => served.includes(key))).toEqual([]);
    for (const { key, op } of operations.filter(
      o => o.op['x-websocket'] === true,
    )) {
      expect([key, Object.keys(op.responses)]).toEqual([
        key,
        expect.arrayContaining(['101']),
      ]);
      expect(key.startsWith('get ')).toBe(true);
    }
  });

  it('gives every operation an operationId and, past /health, its 400 response', () => {
    const problems: string[] = [];
    for (const [route, ops] of Object.entries<any>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (method === 'parameters') continue;
        if (typeof op.operationId !== 'string')
          problems.push(`${method} ${route}: no operationId`);
        if (route !== '/health' && !op.responses['400'])
          problems.push(`${method} ${route}: no 400 response`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('resolves every $ref', () => {
    const missing: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') {
            const target = value
              .replace(/^#\//, '')
              .split('/')
              .reduce<any>((at, part) => at?.[part], spec);
            if (target === undefined) missing.push(value);
          } else visit(value);
        }
      }
    };
    visit(spec);
    expect(missing).toEqual([]);
  });
});
