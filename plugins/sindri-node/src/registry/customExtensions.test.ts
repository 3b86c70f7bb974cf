import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { SindriConfigValidator } from '@internal/plugin-sindri-common';
import { createSindriRegistry } from './SindriRegistryService';

const repo = path.resolve(__dirname, '../../../..');
const shipped = path.join(repo, 'registry/sindri-v3');
const example = path.join(repo, 'examples/custom-extensions');

/** A custom extensions directory: the shipped example plus these files, by directory name. */
async function customDir(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sindri-custom-'));
  await fs.cp(example, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.join(dir, name));
    await fs.writeFile(path.join(dir, name, 'extension.yaml'), text);
  }
  return dir;
}

const extension = (name: string, more = '') => `metadata:
  name: ${name}
  version: 1.0.0
  description: ${name}, a tool of our own
  category: devops
${more}install:
  method: script
validate:
  commands:
    - name: ${name}
`;

describe('custom extensions', () => {
  it('the registry`s own extension.yaml files pass the schema custom ones are checked against', async () => {
    const validator = new SindriConfigValidator(
      JSON.parse(
        await fs.readFile(
          path.join(shipped, 'schemas/extension.schema.json'),
          'utf8',
        ),
      ),
    );
    const names = await fs.readdir(path.join(shipped, 'extensions'));
    expect(names).toHaveLength(67);
    for (const name of names) {
      const text = await fs.readFile(
        path.join(shipped, 'extensions', name, 'extension.yaml'),
        'utf8',
      );
      expect({ name, issues: validator.checkText(text).issues }).toEqual({
        name,
        issues: [],
      });
    }
  });

  it('join the registry marked as custom, and those that fail are listed with every error and not loaded', async () => {
    const dir = await customDir({
      // depends on a registry extension and on another custom one
      'acme-certs': extension(
        'acme-certs',
        '  dependencies:\n    - acme-cli\n    - python\n',
      ),
      'no-install': 'metadata:\n  name: no-install\n  version: 1.0.0\n',
      nodejs: extension('nodejs'),
      'wrong-dir': extension('other-name'),
      'needs-ghost': extension(
        'needs-ghost',
        '  dependencies:\n    - nodejs\n    - ghost\n',
      ),
      // its dependency was refused, so it is too
      'needs-refused': extension(
        'needs-refused',
        '  dependencies:\n    - needs-ghost\n',
      ),
      'bad-yaml': 'metadata: [\n',
    });
    const registry = await createSindriRegistry(
      mockServices.rootConfig({
        data: {
          sindri: { registry: { path: shipped, customExtensions: dir } },
        },
      }),
    );

    const custom = registry.listExtensions().filter(e => e.custom);
    expect(custom.map(e => [e.name, e.dependencies])).toEqual([
      ['acme-certs', ['acme-cli', 'python']],
      ['acme-cli', ['nodejs']],
    ]);
    expect(registry.listExtensions()).toHaveLength(69);
    expect(registry.getExtension('acme-cli')).toMatchObject({
      custom: true,
      version: '1.4.0',
      installMethod: 'npm-global',
      requirements: { domains: ['npm.acme.example'], installTimeSeconds: 45 },
      bom: [expect.objectContaining({ name: 'acme', version: '1.4.0' })],
    });
    expect(registry.getExtension('nodejs')?.custom).toBeUndefined();
    expect(registry.extensionFile('acme-cli')).toBe(
      path.join(dir, 'acme-cli', 'extension.yaml'),
    );

    const invalid = Object.fromEntries(
      registry.invalidExtensions().map(i => [i.name, i.errors]),
    );
    expect(Object.keys(invalid).sort()).toEqual([
      'bad-yaml',
      'needs-ghost',
      'needs-refused',
      'no-install',
      'nodejs',
      'wrong-dir',
    ]);
    expect(invalid['no-install']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '' }),
        expect.objectContaining({ pointer: '/metadata' }),
      ]),
    );
    expect(invalid.nodejs).toEqual([
      {
        pointer: '/metadata/name',
        message:
          '"nodejs" is a registry extension: a custom one needs a name of its own',
      },
    ]);
    expect(invalid['wrong-dir'][0].message).toBe(
      'is "other-name" but its directory is "wrong-dir"',
    );
    expect(invalid['needs-ghost']).toEqual([
      {
        pointer: '/metadata/dependencies/1',
        message:
          '"ghost" is neither a registry extension nor a custom one that loaded',
      },
    ]);
    expect(invalid['needs-refused'][0].pointer).toBe(
      '/metadata/dependencies/0',
    );
    expect(invalid['bad-yaml'][0].message).toMatch(/^YAML parsing error/);
  });

  it('refuses a customExtensions setting that is not a directory', async () => {
    await expect(
      createSindriRegistry(
        mockServices.rootConfig({
          data: {
            sindri: {
              registry: { path: shipped, customExtensions: '/no/such/dir' },
            },
          },
        }),
      ),
    ).rejects.toThrow(/sindri.registry.customExtensions/);
  });
});
