import crypto from 'node:crypto';
import { Knex } from 'knex';
import {
  DeploymentState,
  InstanceDeployment,
  LifecycleOperation,
  OperationKind,
  OperationState,
} from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';
import { whereOrphaned } from '../replicas/whereOrphaned';

/** Progress lines kept per operation (the newest). */
export const OPERATION_LOG_LINES = 500;

type DeploymentRow = {
  instance_id: string;
  driver: string;
  state: DeploymentState;
  sindri_yaml: string;
  provider: string;
  created_by: string;
  created_at: unknown;
  updated_at: unknown;
};

type OperationRow = {
  id: string;
  instance_id: string | null;
  instance_name: string;
  kind: OperationKind;
  driver: string;
  state: OperationState;
  actor: string;
  message: string | null;
  log: string;
  started_at: unknown;
  finished_at: unknown;
};

function toOperation(row: OperationRow): LifecycleOperation {
  return {
    id: row.id,
    instanceName: row.instance_name,
    kind: row.kind,
    driver: row.driver,
    state: row.state,
    actor: row.actor,
    ...(row.message ? { message: row.message } : {}),
    startedAt: toIso(row.started_at)!,
    finishedAt: toIso(row.finished_at),
    log: JSON.parse(row.log),
  };
}

/** A deployment as stored: always with its sindri.yaml. */
export type StoredDeployment = InstanceDeployment & {
  instanceId: string;
  sindriYaml: string;
};

/** Deployments the portal made, and the audit log of their operations. */
export class DeploymentStore {
  /** `replicaId`: the replica whose operations this store starts. */
  constructor(
    private readonly knex: Knex,
    private readonly replicaId: string | null = null,
  ) {}

  async create(deployment: {
    instanceId: string;
    driver: string;
    sindriYaml: string;
    provider: string;
    createdBy: string;
  }) {
    const now = new Date();
    await this.knex('instance_deployments').insert({
      instance_id: deployment.instanceId,
      driver: deployment.driver,
      state: 'deploying',
      sindri_yaml: deployment.sindriYaml,
      provider: deployment.provider,
      created_by: deployment.createdBy,
      created_at: now,
      updated_at: now,
      host_replica_id: this.replicaId,
    });
  }

  async get(instanceId: string): Promise<StoredDeployment | undefined> {
    const row = await this.knex('instance_deployments as d')
      .join('instances as i', 'i.id', 'd.instance_id')
      .where('d.instance_id', instanceId)
      .first<DeploymentRow & { name: string }>('d.*', 'i.name');
    if (!row) return undefined;
    return {
      instanceId: row.instance_id,
      instanceName: row.name,
      driver: row.driver,
      state: row.state,
      sindriYaml: row.sindri_yaml,
      provider: row.provider,
      createdBy: row.created_by,
      createdAt: toIso(row.created_at)!,
      updatedAt: toIso(row.updated_at)!,
    };
  }

  /** The stored sindri.yaml of each of these instances the portal deployed. */
  async sindriYamlOf(instanceIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ instance_id: string; sindri_yaml: string }> =
      instanceIds.length
        ? await this.knex('instance_deployments')
            .whereIn('instance_id', instanceIds)
            .select('instance_id', 'sindri_yaml')
        : [];
    return new Map(rows.map(r => [r.instance_id, r.sindri_yaml]));
  }

  /** Every deployment in one of these states, e.g. the running ones to start again. */
  async listByState(
    states: DeploymentState[],
    drivers?: string[],
  ): Promise<StoredDeployment[]> {
    const query = this.knex('instance_deployments').whereIn('state', states);
    if (drivers) query.whereIn('driver', drivers);
    const ids = await query.pluck('instance_id');
    const all = await Promise.all(ids.map((id: string) => this.get(id)));
    return all.filter((d): d is NonNullable<typeof d> => Boolean(d));
  }

  /**
   * Moves a deployment to `to` only from one of `from`: two operations on one
   * instance cannot both start. Returns false when it was in another state.
   */
  async transition(
    instanceId: string,
    from: readonly DeploymentState[],
    to: DeploymentState,
  ): Promise<boolean> {
    const changed = await this.knex('instance_deployments')
      .where({ instance_id: instanceId })
      .whereIn('state', from)
      .update({ state: to, updated_at: new Date() });
    return changed > 0;
  }

  async setState(
    instanceId: string,
    state: DeploymentState,
    sindriYaml?: string,
  ) {
    await this.knex('instance_deployments')
      .where({ instance_id: instanceId })
      .update({
        state,
        updated_at: new Date(),
        ...(sindriYaml ? { sindri_yaml: sindriYaml } : {}),
      });
  }

  /** Records an operation starting; `instanceId` is undefined for a plan. */
  async startOperation(op: {
    instanceId?: string;
    instanceName: string;
    kind: OperationKind;
    driver: string;
    actor: string;
  }): Promise<LifecycleOperation> {
    const row: OperationRow = {
      id: crypto.randomUUID(),
      instance_id: op.instanceId ?? null,
      instance_name: op.instanceName,
      kind: op.kind,
      driver: op.driver,
      state: 'running',
      actor: op.actor,
      message: null,
      log: '[]',
      started_at: new Date(),
      finished_at: null,
    };
    await this.knex('lifecycle_operations').insert({
      ...row,
      replica_id: this.replicaId,
    });
    if (op.instanceId && (op.kind === 'resume' || op.kind === 'redeploy'))
      await this.knex('instance_deployments')
        .where({ instance_id: op.instanceId })
        .update({ host_replica_id: this.replicaId });
    return toOperation(row);
  }

  async finishOperation(
    id: string,
    result: { state: OperationState; message?: string; log: string[] },
  ): Promise<LifecycleOperation> {
    await this.knex('lifecycle_operations')
      .where({ id })
      .update({
        state: result.state,
        message: result.message ?? null,
        log: JSON.stringify(result.log.slice(-OPERATION_LOG_LINES)),
        finished_at: new Date(),
      });
    return (await this.getOperation(id))!;
  }

  async getOperation(id: string): Promise<LifecycleOperation | undefined> {
    const row = await this.knex<OperationRow>('lifecycle_operations')
      .where({ id })
      .first();
    return row ? toOperation(row) : undefined;
  }

  /** The operations of this instance (not of an earlier one of the same name), newest first. */
  async listOperations(
    instanceId: string,
    limit: number,
  ): Promise<LifecycleOperation[]> {
    const rows: OperationRow[] = await this.knex('lifecycle_operations')
      .where({ instance_id: instanceId })
      .orderBy('started_at', 'desc')
      .limit(limit);
    return rows.map(toOperation);
  }

  /**
   * Operations still running past the longest any can take (their process
   * died, or their end could not be stored) are failed, and deployments left
   * in a transitional state since before `before` with them; returns how many operations.
   */
  async failOverdue(before: Date, message: string): Promise<number> {
    const now = new Date();
    const failed = await this.knex('lifecycle_operations')
      .where({ state: 'running' })
      .where('started_at', '<', before)
      .update({ state: 'failed', message, finished_at: now });
    const running = this.knex('lifecycle_operations')
      .where({ state: 'running' })
      .whereNotNull('instance_id')
      .select('instance_id');
    await this.knex('instance_deployments')
      .whereIn('state', [
        'deploying',
        'suspending',
        'resuming',
        'redeploying',
        'destroying',
      ])
      .where('updated_at', '<', before)
      .whereNotIn('instance_id', running)
      .update({ state: 'failed', updated_at: now });
    return failed;
  }

  /**
   * Operations whose replica is gone (see `whereOrphaned`) can no longer
   * finish: they are marked cancelled and returned.
   */
  async abandonOrphaned(
    gone: string[],
    message: string,
  ): Promise<Array<{ kind: OperationKind; instanceId?: string }>> {
    const rows: Array<{
      id: string;
      kind: OperationKind;
      instance_id: string | null;
    }> = await whereOrphaned(
      this.knex('lifecycle_operations').where({ state: 'running' }),
      this.knex,
      gone,
    ).select('id', 'kind', 'instance_id');
    if (rows.length) {
      await this.knex('lifecycle_operations')
        .whereIn(
          'id',
          rows.map(r => r.id),
        )
        .where({ state: 'running' })
        .update({ state: 'cancelled', message, finished_at: new Date() });
    }
    return rows.map(r => ({
      kind: r.kind,
      instanceId: r.instance_id ?? undefined,
    }));
  }

  /** Whether an operation on this instance is still running (on a live replica). */
  async hasRunningOperation(instanceId: string): Promise<boolean> {
    return Boolean(
      await this.knex('lifecycle_operations')
        .where({ instance_id: instanceId, state: 'running' })
        .first('id'),
    );
  }

  /**
   * Takes over the hosting of an instance that lives in a portal process from
   * a replica that is gone; false when a live replica hosts it or another
   * replica took it first.
   */
  async claimHost(instanceId: string, gone: string[]): Promise<boolean> {
    const claimed = await whereOrphaned(
      this.knex('instance_deployments').where({ instance_id: instanceId }),
      this.knex,
      gone,
      'host_replica_id',
    ).update({ host_replica_id: this.replicaId });
    return claimed > 0;
  }
}
