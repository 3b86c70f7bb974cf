import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { SINDRI_PROVIDERS } from '@internal/plugin-sindri-common';
import { DeploymentsApi, followOperation } from './followOperation';
import { examples } from './clone.examples';

export const CLONE_ACTION_ID = 'sindri:clone';

/**
 * `sindri:clone`: a new instance from an existing instance's stored
 * sindri.yaml, under a new name and optionally on another provider or region.
 * Needs read on the source and create; the owner defaults to the source's.
 */
export function createCloneAction(options: { deployments: DeploymentsApi }) {
  return createTemplateAction({
    id: CLONE_ACTION_ID,
    description:
      'Clones a Sindri instance: its stored sindri.yaml under a new name, provider or region',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        source: z => z.string().describe('the instance to clone'),
        name: z => z.string().describe("the new instance's name"),
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              "entity ref of the new owner; the source's owner when absent",
            ),
        provider: z =>
          z
            .enum(SINDRI_PROVIDERS)
            .optional()
            .describe('deploy the clone to another Sindri provider'),
        region: z =>
          z.string().optional().describe("the clone's region (fly, runpod)"),
        driver: z =>
          z
            .string()
            .optional()
            .describe("local or sindri-cli; the portal's default when absent"),
      },
      output: {
        entityRef: z => z.string(),
        instanceName: z => z.string(),
        operationId: z => z.string(),
      },
    },
    async handler(ctx) {
      const { source, name, provider, region, driver } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      let owner = ctx.input.owner;
      if (!owner) {
        const original = await options.deployments.getInstance(
          source,
          credentials,
        );
        if (!original) throw new Error(`source: no instance named ${source}`);
        owner = original.owner;
      }
      const request = {
        name,
        owner,
        cloneFrom: source,
        provider,
        region,
        driver,
        dryRun: ctx.isDryRun || undefined,
      };
      const create = async () => {
        const s = await options.deployments.create(request, credentials);
        return { operationId: s.operation.id, entityRef: s.entityRef };
      };
      // a real clone is requested once per task, however often the task is retried
      const started = ctx.isDryRun
        ? await create()
        : await ctx.checkpoint({
            key: `sindri-clone-${source}-${name}`,
            fn: create,
          });
      await followOperation(
        options.deployments,
        started.operationId,
        credentials,
        ctx,
      );
      ctx.output('entityRef', started.entityRef);
      ctx.output('instanceName', name);
      ctx.output('operationId', started.operationId);
    },
  });
}
