import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createRouter, RouterOptions } from '../router';

/** `get /instances/{name}` for every route the Express router serves. */
async function servedRoutes(): Promise<string[]> {
  // the handlers are not called: inspecting the routes needs no real dependencies
  const router: any = await createRouter({} as RouterOptions);
  return router.stack
    .filter((layer: any) => layer.route)
    .flatMap((layer: any) =>
      Object.keys(layer.route.methods).map(
        method => `${method} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`,
      ),
    )
    .sort();
}

describe('openapi.yaml', () => {
  const spec = parse(fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'));
  const documented = Object.entries(spec.paths)
    .flatMap(([route, ops]) => Object.keys(ops as object).filter(k => k !== 'parameters').map(method => `${method} ${route}`))
    .sort();

  it('documents exactly the routes the router serves', async () => {
    expect(documented).toEqual(await servedRoutes());
  });

  it('gives every operation an operationId and, past /health, its 400 response', () => {
    const problems: string[] = [];
    for (const [route, ops] of Object.entries<any>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (method === 'parameters') continue;
        if (typeof op.operationId !== 'string') problems.push(`${method} ${route}: no operationId`);
        if (route !== '/health' && !op.responses['400']) problems.push(`${method} ${route}: no 400 response`);
      }
    }
    expect(problems).toEqual([]);
  });
});
