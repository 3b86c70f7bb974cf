import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { SindriConfigValidator } from '@internal/plugin-sindri-common';
import { createComposeAction } from './compose';
import { createValidateAction } from './validate';
import { createDeployAction } from './deploy';
import { createCloneAction } from './clone';
import { createDestroyAction } from './destroy';
import { DeploymentsApi } from './followOperation';

/** The `sindri:*` actions, one per file in this folder. */
export function createSindriActions(options: {
  validator: SindriConfigValidator;
  registry: { extensions: () => string[]; profiles: () => string[] };
  deployments: DeploymentsApi;
}): TemplateAction<any, any, any>[] {
  return [
    createComposeAction(options),
    createValidateAction(options),
    createDeployAction(options),
    createCloneAction(options),
    createDestroyAction(options),
  ];
}
