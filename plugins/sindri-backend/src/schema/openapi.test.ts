import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// Every route the router serves must be documented; this list grows with the router.
const servedRoutes = [['get', '/health']];

describe('openapi.yaml', () => {
  const spec = parse(fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'));

  it('documents every served route', () => {
    for (const [method, route] of servedRoutes) {
      expect(spec.paths[route]?.[method]).toBeDefined();
    }
  });

  it('documents no route the plugin does not serve', () => {
    const documented = Object.entries(spec.paths).flatMap(([route, ops]) =>
      Object.keys(ops as object).map(method => `${method} ${route}`),
    );
    expect(documented.sort()).toEqual(servedRoutes.map(([m, r]) => `${m} ${r}`).sort());
  });
});
