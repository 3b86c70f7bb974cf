import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createSindriRegistry } from './SindriRegistryService';
import { SindriConfigError } from '../ConfigError';

const shipped = path.resolve(__dirname, '../../../../registry/sindri-v3');

const registryAt = (dir?: string) =>
  createSindriRegistry(
    mockServices.rootConfig({ data: dir === undefined ? {} : { sindri: { registry: { path: dir } } } }),
  );

async function copyRegistry(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sindri-registry-'));
  await fs.cp(shipped, dir, { recursive: true });
  return dir;
}

describe('createSindriRegistry', () => {
  it('reads the 67 extensions, their 68 dependency edges and the 7 profiles of the v3 registry', async () => {
    const registry = await registryAt(shipped);

    const extensions = registry.listExtensions();
    expect(extensions).toHaveLength(67);
    expect(extensions.reduce((n, e) => n + e.dependencies.length, 0)).toBe(68);
    expect(registry.getExtension('playwright')).toMatchObject({
      version: '2.1.0',
      category: 'testing',
      dependencies: ['nodejs'],
      installMethod: 'script',
      bom: [expect.objectContaining({ name: 'playwright', purl: 'pkg:npm/@playwright/test@1.59.1' })],
    });
    expect(registry.listProfiles().map(p => p.name)).toEqual([
      'minimal', 'fullstack', 'anthropic-dev', 'systems', 'enterprise', 'devops', 'mobile',
    ]);
    expect(registry.extensionFile('playwright')).toBe(
      path.join(shipped, 'extensions', 'playwright', 'extension.yaml'),
    );
  });

  it('names the setting when it is not set', async () => {
    await expect(registryAt()).rejects.toBeInstanceOf(SindriConfigError);
    await expect(registryAt()).rejects.toThrow(/^sindri\.registry\.path: is not set/);
  });

  it('names the setting and the path when the directory is missing', async () => {
    await expect(registryAt('/no/such/registry')).rejects.toThrow(
      /^sindri\.registry\.path: "\/no\/such\/registry" \(resolved to \/no\/such\/registry\) is not a directory$/,
    );
  });

  it('names the file and field of a malformed extension.yaml', async () => {
    const dir = await copyRegistry();
    const file = path.join(dir, 'extensions', 'nodejs', 'extension.yaml');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace(/^ {2}version: .*$/m, '  version: [1, 2]'));

    await expect(registryAt(dir)).rejects.toThrow(
      `sindri.registry.path: ${file}: metadata.version: `,
    );
  });

  it('names an extension whose dependency is not in the registry', async () => {
    const dir = await copyRegistry();
    const file = path.join(dir, 'extensions', 'playwright', 'extension.yaml');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('    - nodejs', '    - nodejs-ghost'));

    await expect(registryAt(dir)).rejects.toThrow(
      `${file}: metadata.dependencies names "nodejs-ghost", which is not in registry.yaml`,
    );
  });

  it('names a registry entry that has no extension.yaml', async () => {
    const dir = await copyRegistry();
    await fs.rm(path.join(dir, 'extensions', 'rust'), { recursive: true });

    await expect(registryAt(dir)).rejects.toThrow(/extensions\/rust\/extension\.yaml: cannot be read \(ENOENT\)/);
  });

  it('reports YAML that does not parse', async () => {
    const dir = await copyRegistry();
    await fs.writeFile(path.join(dir, 'profiles.yaml'), 'profiles: [unclosed');

    await expect(registryAt(dir)).rejects.toThrow(/profiles\.yaml: is not valid YAML/);
  });
});
