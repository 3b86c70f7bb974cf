import { TemplateAction } from '@backstage/plugin-scaffolder-node';

/**
 * The `sindri:*` actions, one per file in this folder. The module is wired
 * into the backend before its actions exist (compose, validate, deploy, clone
 * and destroy come with the template work), so the list starts empty.
 */
export function createSindriActions(): TemplateAction<any, any, any>[] {
  return [];
}
