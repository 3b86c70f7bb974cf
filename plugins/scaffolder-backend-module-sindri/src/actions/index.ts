import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { SindriConfigValidator } from '@internal/plugin-sindri-common';
import { createValidateAction } from './validate';

/** The `sindri:*` actions, one per file in this folder. */
export function createSindriActions(options: { validator: SindriConfigValidator }): TemplateAction<any, any, any>[] {
  return [createValidateAction(options)];
}
