import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { SindriConfigValidator } from '@internal/plugin-sindri-common';
import { createComposeAction } from './compose';
import { createValidateAction } from './validate';

/** The `sindri:*` actions, one per file in this folder. */
export function createSindriActions(options: {
  validator: SindriConfigValidator;
  registry: { extensions: () => string[]; profiles: () => string[] };
}): TemplateAction<any, any, any>[] {
  return [createComposeAction(options), createValidateAction(options)];
}
