import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { LifecycleOperation } from '@internal/plugin-sindri-common';
import { SindriDeploymentsClient } from '@internal/plugin-sindri-node';

/** The part of the deployments client the actions use. */
export type DeploymentsApi = Pick<
  SindriDeploymentsClient,
  'create' | 'lifecycle' | 'follow' | 'getInstance'
>;

/**
 * Writes an operation's progress into the task log as it happens and fails
 * the step with the driver's message when the operation fails.
 */
export async function followOperation(
  api: DeploymentsApi,
  id: string,
  credentials: BackstageCredentials,
  ctx: Pick<ActionContext<any, any>, 'logger' | 'signal'>,
): Promise<LifecycleOperation> {
  const operation = await api.follow(
    id,
    credentials,
    line => ctx.logger.info(line),
    ctx.signal,
  );
  if (operation.state !== 'succeeded') {
    throw new Error(
      `sindri ${operation.kind} of ${operation.instanceName} ${
        operation.state
      }: ${operation.message ?? 'no reason given'}`,
    );
  }
  ctx.logger.info(
    `sindri ${operation.kind} of ${operation.instanceName} succeeded`,
  );
  return operation;
}
