import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { componentEntityV1alpha1Validator } from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import { createSindriRegistry } from '@internal/plugin-sindri-node';
import { SindriExtensionEntityProvider } from './SindriExtensionEntityProvider';

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');

const customDir = path.resolve(
  __dirname,
  '../../../../examples/custom-extensions',
);

async function emittedEntities(customExtensions?: string) {
  const registry = await createSindriRegistry(
    mockServices.rootConfig({
      data: {
        sindri: {
          registry: {
            path: registryDir,
            ...(customExtensions ? { customExtensions } : {}),
          },
        },
      },
    }),
  );
  const applyMutation = jest.fn();
  const provider = new SindriExtensionEntityProvider(
    registry,
    'group:default/platform',
  );
  await provider.connect({ applyMutation, refresh: jest.fn() });
  expect(applyMutation).toHaveBeenCalledTimes(1);
  const mutation = applyMutation.mock.calls[0][0];
  expect(mutation.type).toBe('full');
  return (mutation.entities as DeferredEntity[]).map(d => d.entity);
}

describe('SindriExtensionEntityProvider', () => {
  it('emits all 67 registry extensions as valid sindri-extension components', async () => {
    const entities = await emittedEntities();

    expect(entities).toHaveLength(67);
    for (const entity of entities) {
      await expect(
        componentEntityV1alpha1Validator.check(entity),
      ).resolves.toBe(true);
      expect(entity.spec?.type).toBe('sindri-extension');
      expect(
        entity.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toMatch(/^file:.*extensions\/[a-z0-9-]+\/extension\.yaml$/);
    }
  });

  it('emits custom extensions beside the registry, marked as custom and depending on registry ones', async () => {
    const entities = await emittedEntities(customDir);
    expect(entities).toHaveLength(68);
    const custom = entities.find(e => e.metadata.name === 'acme-cli')!;
    await expect(componentEntityV1alpha1Validator.check(custom)).resolves.toBe(
      true,
    );
    expect(custom.metadata.labels).toMatchObject({
      'sindri.io/source': 'custom',
    });
    expect(custom.metadata.tags).toEqual(['devops', 'custom']);
    expect(custom.spec?.dependsOn).toEqual(['component:sindri/nodejs']);
    expect(
      custom.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(`file:${customDir}/acme-cli/extension.yaml`);
    const registryOne = entities.find(e => e.metadata.name === 'nodejs')!;
    expect(registryOne.metadata.labels?.['sindri.io/source']).toBeUndefined();
  });

  it('carries the dependency chain agent-browser -> playwright -> nodejs -> mise-config', async () => {
    const byName = new Map(
      (await emittedEntities()).map(e => [e.metadata.name, e]),
    );

    expect(byName.get('agent-browser')?.spec?.dependsOn).toContain(
      'component:sindri/playwright',
    );
    expect(byName.get('playwright')?.spec?.dependsOn).toEqual([
      'component:sindri/nodejs',
    ]);
    expect(byName.get('nodejs')?.spec?.dependsOn).toEqual([
      'component:sindri/mise-config',
    ]);
    expect(byName.get('mise-config')?.spec?.dependsOn).toEqual([]);
    expect(byName.get('playwright')?.metadata.annotations).toMatchObject({
      'sindri.io/extension-version': '2.1.0',
      'sindri.io/install-method': 'script',
      'sindri.io/bom': 'playwright@1.59.1 (Apache-2.0)',
    });
  });
});
