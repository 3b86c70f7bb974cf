import fs from 'node:fs';
import path from 'node:path';

/**
 * Region codes a create form can suggest, per provider: the examples Sindri's
 * own schema gives in each `providers.<provider>.region` description, e.g.
 * "Fly.io region code (e.g., sjc, ord, iad, ams)". Only suggestions: any
 * region the provider knows may be typed.
 */
export function readRegionHints(
  registryPath: string,
): Record<string, string[]> {
  const schema = JSON.parse(
    fs.readFileSync(
      path.join(registryPath, 'schemas', 'sindri.schema.json'),
      'utf8',
    ),
  );
  const providers: Record<
    string,
    { properties?: { region?: { description?: string } } }
  > = schema?.properties?.providers?.properties ?? {};
  const hints: Record<string, string[]> = {};
  for (const [provider, section] of Object.entries(providers)) {
    const description = section.properties?.region?.description;
    const examples =
      description && /\(e\.g\.,?\s*([^)]*)\)/.exec(description)?.[1];
    if (examples)
      hints[provider] = examples
        .split(',')
        .map(s => s.trim().replace(/^'|'$/g, ''))
        .filter(Boolean);
  }
  return hints;
}
