import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DeploymentsApi, followOperation } from './followOperation';
import { examples } from './deploy.examples';

export const DEPLOY_ACTION_ID = 'sindri:deploy';

/**
 * `sindri:deploy`: creates an instance from a sindri.yaml through the Sindri
 * backend, as the user who runs the template (their permissions apply). The
 * request is made once per task (`ctx.checkpoint`), so a retried task follows
 * the same deployment instead of starting another. In a dry run, or with
 * `dryRun: true`, only the driver's plan runs; its outcome goes to the log
 * and `planState` without failing the step.
 */
export function createDeployAction(options: { deployments: DeploymentsApi }) {
  return createTemplateAction({
    id: DEPLOY_ACTION_ID,
    description:
      "Deploys a new Sindri instance from a sindri.yaml, through the portal's driver (Sindri CLI or local)",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('instance name (also the sindri.yaml name)'),
        owner: z =>
          z.string().describe('entity ref of the owning user or group'),
        config: z =>
          z
            .union([z.string().min(1), z.record(z.string(), z.unknown())])
            .describe('the sindri.yaml: text, or the document as an object'),
        driver: z =>
          z
            .string()
            .optional()
            .describe("local or sindri-cli; the portal's default when absent"),
        dryRun: z =>
          z
            .boolean()
            .optional()
            .describe(
              "only plan (the CLI's dry run); enroll and deploy nothing",
            ),
      },
      output: {
        entityRef: z =>
          z.string().describe("the new instance's catalog entity ref"),
        instanceName: z => z.string(),
        operationId: z =>
          z
            .string()
            .describe(
              "the deploy (or plan) operation, in the instance's audit log",
            ),
        planned: z =>
          z.boolean().optional().describe('true when only a plan ran'),
        planState: z =>
          z
            .enum(['succeeded', 'failed', 'cancelled'])
            .optional()
            .describe('how the plan ended (a dry run does not fail the step)'),
      },
    },
    async handler(ctx) {
      const { name, owner, config, driver } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const document =
        typeof config === 'string' ? { sindriYaml: config } : { config };
      const dryRun = Boolean(ctx.isDryRun || ctx.input.dryRun);
      if (dryRun) {
        const started = await options.deployments.create(
          { name, owner, driver, ...document, dryRun: true },
          credentials,
        );
        // a plan reports: what the driver would do, or why it could not (e.g. the CLI's missing prerequisites)
        const plan = await options.deployments.follow(
          started.operation.id,
          credentials,
          line => ctx.logger.info(line),
          ctx.signal,
        );
        if (plan.state === 'succeeded')
          ctx.logger.info(
            `the ${plan.driver} driver's plan for ${name} succeeded`,
          );
        else
          ctx.logger.warn(
            `the ${plan.driver} driver's plan for ${name} ${plan.state}: ${
              plan.message ?? 'no reason given'
            }`,
          );
        ctx.output('planState', plan.state);
        ctx.output('entityRef', started.entityRef);
        ctx.output('instanceName', name);
        ctx.output('operationId', started.operation.id);
        ctx.output('planned', true);
        return;
      }
      const started = await ctx.checkpoint({
        key: `sindri-deploy-${name}`,
        fn: async () => {
          const s = await options.deployments.create(
            { name, owner, driver, ...document },
            credentials,
          );
          return { operationId: s.operation.id, entityRef: s.entityRef };
        },
      });
      ctx.logger.info(`deploying ${name} (operation ${started.operationId})`);
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
