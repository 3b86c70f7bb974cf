import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/** Which extension versions a Sindri CLI release line works with (compatibility-matrix.yaml). */
export interface CompatibilityMatrix {
  /** e.g. `3.1.x`, with each extension's semver range (`>=1.0.0,<2.0.0`) */
  cliVersions: Array<{ pattern: string; extensions: Record<string, string> }>;
}

/** Reads the registry's compatibility-matrix.yaml; undefined when the registry has none. */
export function readCompatibilityMatrix(
  registryDir: string,
): CompatibilityMatrix | undefined {
  const file = path.join(registryDir, 'compatibility-matrix.yaml');
  if (!fs.existsSync(file)) return undefined;
  const doc = yaml.parse(fs.readFileSync(file, 'utf8')) as {
    cli_versions?: Record<
      string,
      { compatible_extensions?: Record<string, string> }
    >;
  };
  return {
    cliVersions: Object.entries(doc.cli_versions ?? {}).map(
      ([pattern, entry]) => ({
        pattern,
        extensions: entry.compatible_extensions ?? {},
      }),
    ),
  };
}

/** The matrix line of a CLI version: `3.1.x` for 3.1.3. */
export function compatibleRanges(
  matrix: CompatibilityMatrix,
  cliVersion: string,
): { pattern: string; extensions: Record<string, string> } | undefined {
  const [major, minor] = cliVersion.split('.');
  return matrix.cliVersions.find(
    line =>
      line.pattern === cliVersion || line.pattern === `${major}.${minor}.x`,
  );
}
