import fs from 'node:fs';
import path from 'node:path';
import {
  findRegionLocation,
  REGION_LOCATIONS,
} from '@internal/plugin-sindri-common';
import { readRegionHints } from './regionHints';

const registryPath = path.resolve(__dirname, '../../../../registry/sindri-v3');

/** Every region code Sindri's schema names: the default and "(e.g., ...)" examples of each property that is a region (Azure's is `location`). */
function regionsNamedBySchema(): string[] {
  const schema = JSON.parse(
    fs.readFileSync(path.join(registryPath, 'schemas/sindri.schema.json'), 'utf8'),
  );
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, any>)) {
      const isRegion =
        key === 'region' ||
        /\bregion\b/i.test(String(value?.description ?? ''));
      if (isRegion && value && typeof value === 'object' && value.type === 'string') {
        if (typeof value.default === 'string') found.add(value.default);
        const examples = /\(e\.g\.,?\s*([^)]*)\)/.exec(value.description ?? '');
        examples?.[1]
          .split(',')
          .map((s: string) => s.trim().replace(/^'|'$/g, ''))
          .filter(Boolean)
          .forEach((s: string) => found.add(s));
      }
      walk(value);
    }
  };
  walk(schema);
  return [...found].sort();
}

describe('the region locations of the fleet map', () => {
  it("place every region Sindri's schema names, each with the provider's page and a source for its coordinates", () => {
    const named = regionsNamedBySchema();
    expect(named).toHaveLength(13);
    expect(
      named.filter(
        code => !REGION_LOCATIONS.some(l => l.region.toLowerCase() === code.toLowerCase()),
      ),
    ).toEqual([]);
    // the create form's suggestions, by provider, are on the map for that provider
    for (const [provider, codes] of Object.entries(readRegionHints(registryPath)))
      for (const code of codes)
        expect(findRegionLocation(provider, code)?.region).toBe(code);
    for (const l of REGION_LOCATIONS) {
      expect(l.placeSource).toMatch(/^https:\/\//);
      expect(l.coordinatesSource).toMatch(/^https:\/\//);
      expect(Math.abs(l.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(l.longitude)).toBeLessThanOrEqual(180);
    }
  });

  it('finds a region by provider, whatever its case, and nothing for another provider', () => {
    expect(findRegionLocation('fly', 'AMS')?.place).toBe('Amsterdam, Netherlands');
    expect(findRegionLocation('e2b', 'ams')).toBeUndefined();
    expect(findRegionLocation('fly', null)).toBeUndefined();
  });
});
