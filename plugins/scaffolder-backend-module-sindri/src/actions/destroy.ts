import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeploymentsApi, followOperation } from './followOperation';
import { examples } from './destroy.examples';

export const DESTROY_ACTION_ID = 'sindri:destroy';

/**
 * `sindri:destroy`: destroys an instance through its driver; it leaves the
 * catalog. `confirm` must repeat the name, as in the portal's dialog.
 */
export function createDestroyAction(options: { deployments: DeploymentsApi }) {
  return createTemplateAction({
    id: DESTROY_ACTION_ID,
    description:
      'Destroys a Sindri instance (and optionally its volumes); it leaves the catalog',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('the instance to destroy'),
        confirm: z => z.string().describe("the instance's name again"),
        volumes: z =>
          z.boolean().optional().describe('destroy its volumes too'),
      },
      output: {
        operationId: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const { name, confirm, volumes } = ctx.input;
      if (confirm !== name)
        throw new Error(`confirm: must repeat the instance's name ("${name}")`);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `would destroy ${name}${volumes ? ' and its volumes' : ''}`,
        );
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const operationId = await ctx.checkpoint({
        key: `sindri-destroy-${name}`,
        fn: async () =>
          (
            await options.deployments.lifecycle(
              name,
              { action: 'destroy', confirm, volumes },
              credentials,
            )
          ).operation.id,
      });
      await followOperation(options.deployments, operationId, credentials, ctx);
      ctx.output('operationId', operationId);
    },
  });
}
