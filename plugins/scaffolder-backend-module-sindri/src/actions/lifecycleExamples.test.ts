import yaml from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCloneAction } from './clone';
import { createDeployAction } from './deploy';
import { createDestroyAction } from './destroy';
import { examples as cloneExamples } from './clone.examples';
import { examples as deployExamples } from './deploy.examples';
import { examples as destroyExamples } from './destroy.examples';

// These actions talk to the Sindri backend; packages/backend/src/scaffolderActions.test.ts runs them against a real one.
const unreachable = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('not called')) },
) as any;

describe('the deploy, clone and destroy actions', () => {
  it.each([
    ['sindri:deploy', deployExamples, createDeployAction],
    ['sindri:clone', cloneExamples, createCloneAction],
    ['sindri:destroy', destroyExamples, createDestroyAction],
  ] as const)(
    '%s: its examples use it, with inputs its schema accepts',
    (id, examples, create) => {
      const action = create({ deployments: unreachable });
      expect(action.id).toBe(id);
      expect(action.examples).toBe(examples);
      for (const example of examples) {
        const [step] = yaml.parse(example.example).steps;
        expect(step.action).toBe(id);
        const required: string[] =
          (action.schema?.input as any)?.required ?? [];
        expect(required.length).toBeGreaterThan(0);
        for (const key of required) expect(step.input).toHaveProperty(key);
      }
    },
  );

  it('sindri:destroy refuses a confirmation that is not the name before calling anything', async () => {
    const action = createDestroyAction({ deployments: unreachable });
    await expect(
      action.handler(
        createMockActionContext({
          input: { name: 'dev-1', confirm: 'dev-2' },
        }) as any,
      ),
    ).rejects.toThrow('confirm: must repeat the instance\'s name ("dev-1")');
  });
});
