import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { loadSindriConfigValidator } from '@internal/plugin-sindri-node';
import { createValidateAction } from './validate';
import { examples } from './validate.examples';

const registry = path.resolve(__dirname, '../../../../registry/sindri-v3');
const action = createValidateAction({
  validator: loadSindriConfigValidator(registry),
});

const inputOf = (example: number) =>
  yaml.parse(examples[example].example).steps[0].input;

describe('sindri:config:validate', () => {
  it('passes the pasted example and reports it valid', async () => {
    const ctx = createMockActionContext({ input: inputOf(1) });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('valid', true);
    expect(ctx.output).toHaveBeenCalledWith('errors', []);
  });

  it('fails the step on an invalid file, naming each error by JSON pointer', async () => {
    const config = fs.readFileSync(
      path.join(registry, 'examples/runpod-a100-training.yaml'),
      'utf8',
    );
    const ctx = createMockActionContext({ input: { config } });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /^sindri\.yaml is invalid \(3 errors\): \(root\): "extensions" is a required property/,
    );
    expect(ctx.output).toHaveBeenCalledWith('valid', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'errors',
      expect.arrayContaining([
        '/deployment/resources/gpu/tier: "a100" is not one of "gpu-small", "gpu-medium" or 2 other candidates',
      ]),
    );
  });

  it('checks a composed object too, and only reports when failOnInvalid is false', async () => {
    const ctx = createMockActionContext({
      input: {
        config: {
          version: '3.0',
          name: 'Bad',
          deployment: { provider: 'docker' },
          extensions: { profile: 'minimal' },
        },
        failOnInvalid: false,
      },
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('errors', [
      '/name: "Bad" does not match "^[a-z][a-z0-9-]*$"',
    ]);
  });

  it('has examples that use the action', () => {
    for (const example of examples)
      expect(yaml.parse(example.example).steps[0].action).toBe(
        'sindri:config:validate',
      );
  });
});
