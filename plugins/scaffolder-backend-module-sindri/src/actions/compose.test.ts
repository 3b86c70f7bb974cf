import path from 'node:path';
import yaml from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createSindriRegistry,
  loadRegistry,
  loadSindriConfigValidator,
} from '@internal/plugin-sindri-node';
import { createComposeAction } from './compose';
import { examples } from './compose.examples';

const registryDir = path.resolve(__dirname, '../../../../registry/sindri-v3');
const validator = loadSindriConfigValidator(registryDir);
let action: ReturnType<typeof createComposeAction>;

beforeAll(async () => {
  const loaded = await loadRegistry(registryDir);
  action = createComposeAction({
    validator,
    registry: {
      extensions: () => loaded.extensions.map(e => e.name),
      profiles: () => loaded.profiles.map(p => p.name),
    },
  });
});

const inputOf = (example: number) =>
  yaml.parse(examples[example].example).steps[0].input;

describe('sindri:config:compose', () => {
  it.each([0, 1])(
    'composes example %i into a sindri.yaml that the validator accepts',
    async example => {
      const ctx = createMockActionContext({ input: inputOf(example) });
      await action.handler(ctx as any);
      const text = (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'yaml',
      )[1];
      expect(validator.checkText(text)).toMatchObject({ valid: true });
    },
  );

  it('writes a profile with additional extensions, resources, secrets by reference and the region', async () => {
    const ctx = createMockActionContext({ input: inputOf(0) });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('config', {
      version: '3.0',
      name: 'ml-lab',
      deployment: { provider: 'fly', resources: { memory: '8GB', cpus: 4 } },
      extensions: { profile: 'minimal', additional: ['python', 'ollama'] },
      secrets: [{ name: 'HF_TOKEN', source: 'env' }],
      providers: { fly: { region: 'ams' } },
    });
  });

  it("composes the organisation's custom extensions like the registry's", async () => {
    const registry = await createSindriRegistry(
      mockServices.rootConfig({
        data: {
          sindri: {
            registry: {
              path: registryDir,
              customExtensions: path.resolve(
                __dirname,
                '../../../../examples/custom-extensions',
              ),
            },
          },
        },
      }),
    );
    const withCustom = createComposeAction({
      validator,
      registry: {
        extensions: () => registry.listExtensions().map(e => e.name),
        profiles: () => registry.listProfiles().map(p => p.name),
      },
    });
    const ctx = createMockActionContext({
      input: {
        name: 'acme-dev',
        provider: 'docker',
        profile: 'minimal',
        extensions: ['acme-cli'],
      },
    });
    await withCustom.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'config',
      expect.objectContaining({
        extensions: { profile: 'minimal', additional: ['acme-cli'] },
      }),
    );
  });

  it.each([
    [{ name: 'Bad_Name', provider: 'docker', profile: 'minimal' }, /^name: /],
    [{ name: 'ok', provider: 'mars', profile: 'minimal' }, /^provider: /],
    [
      { name: 'ok', provider: 'docker' },
      /^profile: give a profile, extensions, or both/,
    ],
    [
      { name: 'ok', provider: 'docker', profile: 'nope' },
      /^profile: "nope" is not a Sindri profile/,
    ],
    [
      {
        name: 'ok',
        provider: 'docker',
        extensions: ['python', 'not-an-extension'],
      },
      /^extensions: not in the Sindri registry: not-an-extension$/,
    ],
    [
      { name: 'ok', provider: 'docker', profile: 'minimal', region: 'ams' },
      /^region: the docker provider takes no region/,
    ],
    [
      {
        name: 'ok',
        provider: 'docker',
        profile: 'minimal',
        resources: { memory: '4G' },
      },
      /^resources\.memory: /,
    ],
    [
      {
        name: 'ok',
        provider: 'docker',
        profile: 'minimal',
        secrets: [{ name: 'token', source: 'env' }],
      },
      /^secrets\.0\.name: /,
    ],
  ])('refuses %j naming the field', async (input, message) => {
    const ctx = createMockActionContext({ input: input as any });
    await expect(action.handler(ctx as any)).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
