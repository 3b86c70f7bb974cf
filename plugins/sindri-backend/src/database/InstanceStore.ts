import crypto from 'node:crypto';
import { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import {
  FleetInstance,
  InstanceStatus,
  MetricsSample,
  Registration,
} from '@internal/plugin-sindri-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { InstanceQuery } from '@internal/plugin-sindri-node';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';
import { mintAgentToken } from '../tokens/agentToken';
import { bumpTokenRevision, insertToken } from '../tokens/AgentTokenStore';
import { appendStatusChanges } from './statusChanges';
import { toIso } from './time';

type InstanceRow = {
  id: string;
  name: string;
  owner: string;
  agent_instance_id: string | null;
  provider: string | null;
  region: string | null;
  registration: string | null;
  status: InstanceStatus;
  status_changed_at: unknown;
  registered_at: unknown;
  last_heartbeat_at: unknown;
  heartbeat_interval_s: number | null;
  uptime_s: number | null;
};

function rowToInstance(
  row: InstanceRow,
  latestMetrics?: MetricsSample,
  drift?: FleetInstance['drift'],
): FleetInstance {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    provider: (row.provider ?? undefined) as FleetInstance['provider'],
    region: row.region ?? undefined,
    status: row.status,
    statusChangedAt: toIso(row.status_changed_at),
    registeredAt: toIso(row.registered_at),
    lastHeartbeatAt: toIso(row.last_heartbeat_at),
    heartbeatIntervalSeconds: row.heartbeat_interval_s ?? undefined,
    uptimeSeconds: row.uptime_s ?? undefined,
    registration: row.registration ? JSON.parse(row.registration) : undefined,
    latestMetrics,
    ...(drift ? { drift } : {}),
  };
}

/** Instances: enrollment, registration, status. Their tokens are the AgentTokenStore's. */
export class InstanceStore {
  constructor(private readonly knex: Knex) {}

  /** Enrolls a new instance name for an owner; returns the only copy of its token. */
  async enroll(options: {
    name: string;
    owner: string;
    createdBy: string;
  }): Promise<{ instanceId: string; token: string }> {
    const minted = mintAgentToken();
    const instanceId = crypto.randomUUID();
    const now = new Date();
    const taken = () =>
      new ConflictError(
        `name: an instance named "${options.name}" is already enrolled`,
      );
    await this.knex
      .transaction(async tx => {
        const existing = await tx('instances')
          .where({ name: options.name })
          .first();
        if (existing) {
          throw taken();
        }
        await tx('instances').insert({
          id: instanceId,
          name: options.name,
          owner: options.owner,
          status: 'unknown',
          created_at: now,
          updated_at: now,
        });
        await insertToken(tx, minted, instanceId, options.createdBy, now);
      })
      .catch(error => {
        // two enrollments of one name at once: the unique index refuses the second
        if (
          /unique|duplicate/i.test(String(error?.message)) &&
          !(error instanceof ConflictError)
        )
          throw taken();
        throw error;
      });
    return { instanceId, token: minted.token };
  }

  /** Stores a registration; the instance is running from now on. */
  async register(
    instanceId: string,
    registration: Registration,
    now = new Date(),
  ): Promise<FleetInstance> {
    await this.knex.transaction(async tx => {
      const before = await tx('instances')
        .where({ id: instanceId })
        .first('status', 'registered_at');
      await tx('instances')
        .where({ id: instanceId })
        .update({
          agent_instance_id: registration.instanceId,
          provider: registration.provider,
          region: registration.region ?? null,
          registration: JSON.stringify(registration),
          heartbeat_interval_s: registration.heartbeatIntervalSeconds,
          registered_at: now,
          status: 'running',
          status_changed_at: now,
          updated_at: now,
        });
      await tx('instance_liveness')
        .insert({ instance_id: instanceId, last_heartbeat_at: now })
        .onConflict('instance_id')
        .merge(['last_heartbeat_at']);
      if (before && (before.status !== 'running' || !before.registered_at))
        await appendStatusChanges(tx, [
          { instanceId, status: 'running', at: now },
        ]);
    });
    return (await this.get(instanceId))!;
  }

  /** Sets a status the agent reported (started/stopped). Returns true when it changed. */
  async setStatus(
    instanceId: string,
    status: InstanceStatus,
  ): Promise<boolean> {
    const now = new Date();
    return this.knex.transaction(async tx => {
      const changed = await tx('instances')
        .where({ id: instanceId })
        .whereNot({ status })
        .update({ status, status_changed_at: now, updated_at: now });
      if (changed > 0)
        await appendStatusChanges(tx, [{ instanceId, status, at: now }]);
      return changed > 0;
    });
  }

  /**
   * Marks running instances whose last heartbeat is older than three of their
   * intervals as unresponsive; returns the ids this call marked.
   */
  async markUnresponsive(now = new Date()): Promise<string[]> {
    // the database picks the overdue rows, per heartbeat interval in use (a fleet has
    // few): a replica does not read every running instance every few seconds
    const intervals: Array<number | null> = await this.knex('instances')
      .where({ status: 'running' })
      .distinct()
      .pluck('heartbeat_interval_s');
    const overdue: string[] = [];
    for (const interval of intervals) {
      const cutoff = new Date(now.getTime() - 3 * (interval ?? 10) * 1000);
      const ids: string[] = await this.knex('instances')
        .leftJoin('instance_liveness as l', 'l.instance_id', 'instances.id')
        .where({ status: 'running' })
        .modify(q =>
          interval === null
            ? q.whereNull('heartbeat_interval_s')
            : q.where('heartbeat_interval_s', interval),
        )
        .where(q =>
          q
            .whereNull('l.last_heartbeat_at')
            .orWhere('l.last_heartbeat_at', '<', cutoff),
        )
        .pluck('instances.id');
      overdue.push(...ids);
    }
    // RETURNING: only what this call changed is returned (another replica may mark the same instances)
    const marked: string[] = [];
    for (let i = 0; i < overdue.length; i += 500) {
      const chunk = overdue.slice(i, i + 500);
      await this.knex.transaction(async tx => {
        const changed: string[] = (
          await tx('instances')
            .whereIn('id', chunk)
            .where({ status: 'running' })
            .update({
              status: 'unresponsive',
              status_changed_at: now,
              updated_at: now,
            })
            .returning('id')
        ).map((r: { id: string }) => r.id);
        await appendStatusChanges(
          tx,
          changed.map(instanceId => ({
            instanceId,
            status: 'unresponsive',
            at: now,
          })),
        );
        marked.push(...changed);
      });
    }
    return marked;
  }

  /**
   * Removes an instance, its tokens (which stop working) and what its agent
   * reported. Its audit (terminal sessions, command results, lifecycle
   * operations) and its events stay, until retention prunes them. Rows are deleted
   * explicitly: SQLite does not cascade unless told.
   */
  async remove(instanceId: string): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const table of [
        'heartbeats',
        'instance_liveness',
        'metric_samples',
        'instance_latest_metrics',
        'agent_tokens',
        'instance_deployments',
        'instance_config_versions',
        'instance_drift',
        'instance_status_changes',
      ]) {
        await tx(table).where({ instance_id: instanceId }).delete();
      }
      await tx('instances').where({ id: instanceId }).delete();
      await bumpTokenRevision(tx);
    });
  }

  async isRegistered(instanceId: string): Promise<boolean> {
    const row = await this.knex('instances')
      .where({ id: instanceId })
      .whereNotNull('registered_at')
      .first('id');
    return Boolean(row);
  }

  async get(instanceId: string): Promise<FleetInstance | undefined> {
    const row = await this.instanceRows().where({ id: instanceId }).first();
    return row ? this.withLatest(row) : undefined;
  }

  async getByName(name: string): Promise<FleetInstance | undefined> {
    const row = await this.instanceRows().where({ name }).first();
    return row ? this.withLatest(row) : undefined;
  }

  /** Instances with their last heartbeat, which has a table of its own. */
  private instanceRows() {
    return this.knex<InstanceRow>('instances')
      .leftJoin('instance_liveness as l', 'l.instance_id', 'instances.id')
      .select('instances.*', 'l.last_heartbeat_at', 'l.uptime_s');
  }

  /**
   * Every instance whose agent has registered, with its newest metrics;
   * with permission criteria, only those they allow.
   */
  async listRegistered(
    criteria?: PermissionCriteria<InstanceQuery>,
  ): Promise<FleetInstance[]> {
    const query = this.instanceRows().whereNotNull('registered_at');
    if (criteria) whereInstanceCriteria(query, criteria);
    const rows: InstanceRow[] = await query.orderBy('name');
    const ids = rows.map(r => r.id);
    const [latest, drift] = await Promise.all([
      this.latestMetricsOf(ids),
      this.driftOf(ids),
    ]);
    return rows.map(r => rowToInstance(r, latest.get(r.id), drift.get(r.id)));
  }

  private async withLatest(row: InstanceRow): Promise<FleetInstance> {
    const [latest, drift] = await Promise.all([
      this.latestMetricsOf([row.id]),
      this.driftOf([row.id]),
    ]);
    return rowToInstance(row, latest.get(row.id), drift.get(row.id));
  }

  /** The drift status of each instance that has one (computed on registration). */
  private async driftOf(
    instanceIds: string[],
  ): Promise<Map<string, NonNullable<FleetInstance['drift']>>> {
    const result = new Map<string, NonNullable<FleetInstance['drift']>>();
    if (!instanceIds.length) return result;
    const rows = await this.knex('instance_drift')
      .whereIn('instance_id', instanceIds)
      .select('instance_id', 'status');
    for (const row of rows) result.set(row.instance_id, row.status);
    return result;
  }

  private async latestMetricsOf(
    instanceIds: string[],
  ): Promise<Map<string, MetricsSample>> {
    const result = new Map<string, MetricsSample>();
    if (!instanceIds.length) return result;
    const newest = this.knex('metric_samples')
      .where({ resolution: 'raw' })
      .whereIn('instance_id', instanceIds)
      .groupBy('instance_id')
      .select('instance_id')
      .max('at as at');
    const rows = await this.knex('metric_samples as m')
      .join(newest.as('n'), q =>
        q.on('n.instance_id', 'm.instance_id').andOn('n.at', 'm.at'),
      )
      .where('m.resolution', 'raw')
      .select('m.instance_id', 'm.data');
    for (const row of rows) result.set(row.instance_id, JSON.parse(row.data));
    return result;
  }
}
