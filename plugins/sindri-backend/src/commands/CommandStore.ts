import { Knex } from 'knex';
import {
  CommandResult,
  CommandResultState,
  CommandRun,
  FINAL_COMMAND_STATES,
} from '@internal/plugin-sindri-common';
import { ListFilter } from '../auth/PermissionGuard';
import { toIso } from '../database/time';
import { whereInstanceCriteria } from '../permissions/instanceCriteria';
import { whereOrphaned } from '../replicas/whereOrphaned';

type RunRow = {
  id: string;
  created_by: string;
  created_at: unknown;
  ended_at: unknown;
  command: string;
  target: string;
  timeout_s: number;
  concurrency: number;
  state: CommandRun['state'];
};

type ResultRow = {
  id: string;
  run_id: string;
  instance_id: string;
  instance_name: string;
  state: CommandResultState;
  exit_code: number | null;
  signal: string | null;
  started_at: unknown;
  ended_at: unknown;
  duration_ms: number | null;
  stdout_bytes: number | string;
  stderr_bytes: number | string;
  stdout_tail: string | null;
  stderr_tail: string | null;
  message: string | null;
};

/** One instance's part of a run, as the service drives it. */
export interface ResultRef {
  id: string;
  runId: string;
  instanceId: string;
  instanceName: string;
}

export type ResultUpdate = Partial<Omit<CommandResult, 'instance'>> & {
  state: CommandResultState;
};

/** The columns an update sets. */
function toColumns(update: ResultUpdate): Record<string, unknown> {
  const row: Record<string, unknown> = { state: update.state };
  if (update.exitCode !== undefined) row.exit_code = update.exitCode;
  if (update.signal !== undefined) row.signal = update.signal;
  if (update.startedAt) row.started_at = new Date(update.startedAt);
  if (update.endedAt) row.ended_at = new Date(update.endedAt);
  if (update.durationMs !== undefined)
    row.duration_ms = Math.round(update.durationMs);
  if (update.stdoutBytes !== undefined) row.stdout_bytes = update.stdoutBytes;
  if (update.stderrBytes !== undefined) row.stderr_bytes = update.stderrBytes;
  if (update.stdout !== undefined) row.stdout_tail = update.stdout;
  if (update.stderr !== undefined) row.stderr_tail = update.stderr;
  if (update.message !== undefined) row.message = update.message;
  return row;
}

function toResult(row: ResultRow): CommandResult {
  return {
    instance: row.instance_name,
    state: row.state,
    exitCode: row.exit_code,
    signal: row.signal,
    startedAt: toIso(row.started_at),
    endedAt: toIso(row.ended_at),
    durationMs: row.duration_ms ?? undefined,
    stdoutBytes: Number(row.stdout_bytes),
    stderrBytes: Number(row.stderr_bytes),
    stdout: row.stdout_tail ?? '',
    stderr: row.stderr_tail ?? '',
    ...(row.message ? { message: row.message } : {}),
  };
}

function toRun(
  row: RunRow,
  counts: CommandRun['counts'],
  results?: CommandResult[],
): CommandRun {
  return {
    id: row.id,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at)!,
    endedAt: toIso(row.ended_at),
    command: JSON.parse(row.command),
    target: JSON.parse(row.target),
    timeoutSeconds: row.timeout_s,
    concurrency: row.concurrency,
    state: row.state,
    counts,
    ...(results ? { results } : {}),
  };
}

/** Command runs and their per-instance results. */
export class CommandStore {
  /** `replicaId`: the replica whose runs this store starts. */
  constructor(
    private readonly knex: Knex,
    private readonly replicaId: string | null = null,
  ) {}

  async createRun(run: {
    id: string;
    createdBy: string;
    command: CommandRun['command'];
    target: CommandRun['target'];
    timeoutSeconds: number;
    concurrency: number;
    results: Array<ResultRef & { state: CommandResultState; message?: string }>;
  }): Promise<void> {
    const now = new Date();
    await this.knex.transaction(async tx => {
      await tx('command_runs').insert({
        id: run.id,
        created_by: run.createdBy,
        created_at: now,
        command: JSON.stringify(run.command),
        target: JSON.stringify(run.target),
        timeout_s: run.timeoutSeconds,
        concurrency: run.concurrency,
        state: 'running',
        replica_id: this.replicaId,
      });
      const rows = run.results.map(r => ({
        id: r.id,
        run_id: run.id,
        instance_id: r.instanceId,
        instance_name: r.instanceName,
        state: r.state,
        message: r.message ?? null,
        ended_at: FINAL_COMMAND_STATES.includes(r.state) ? now : null,
      }));
      // SQLite caps bound parameters per statement
      for (let i = 0; i < rows.length; i += 50)
        await tx('command_results').insert(rows.slice(i, i + 50));
    });
  }

  /** Updates a result; a final one only while it is not final yet (another replica or a late end may have settled it). */
  async updateResult(id: string, update: ResultUpdate): Promise<void> {
    const query = this.knex('command_results').where({ id });
    if (FINAL_COMMAND_STATES.includes(update.state))
      query.whereNotIn('state', FINAL_COMMAND_STATES as string[]);
    await query.update(toColumns(update));
  }

  /**
   * Stores the end of a result this process does not follow (reported again
   * after a reconnect or a restart), if it is still unfinished and belongs to
   * `instanceId`; a run left with no unfinished result is finished too.
   * Returns whether anything changed.
   */
  async settleLate(
    id: string,
    instanceId: string,
    update: ResultUpdate,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const row: { run_id: string } | undefined = await tx('command_results')
        .where({ id, instance_id: instanceId })
        .first('run_id');
      if (!row) return false;
      // ends of one run stored at once by two replicas would each see the other still open: one at a time per run
      await tx('command_runs')
        .where({ id: row.run_id })
        .forUpdate()
        .first('id');
      const changed = await tx('command_results')
        .where({ id })
        .whereIn('state', ['queued', 'running'])
        .update(toColumns(update));
      if (!changed) return false;
      const open = await tx('command_results')
        .where({ run_id: row.run_id })
        .whereNotIn('state', FINAL_COMMAND_STATES as string[])
        .first('id');
      if (!open)
        await tx('command_runs')
          .where({ id: row.run_id, state: 'running' })
          .update({ state: 'done', ended_at: new Date() });
      return true;
    });
  }

  async finishRun(id: string, state: CommandRun['state']): Promise<void> {
    await this.knex('command_runs')
      .where({ id })
      .update({ state, ended_at: new Date() });
  }

  async getRun(id: string): Promise<CommandRun | undefined> {
    const row: RunRow | undefined = await this.knex('command_runs')
      .where({ id })
      .first();
    if (!row) return undefined;
    const results: ResultRow[] = await this.knex('command_results')
      .where({ run_id: id })
      .orderBy('instance_name');
    const counts: CommandRun['counts'] = {};
    for (const r of results) counts[r.state] = (counts[r.state] ?? 0) + 1;
    return toRun(row, counts, results.map(toResult));
  }

  /**
   * Runs, newest first, each with the instances it reached. A run is listed
   * when `author` made it or `audit` allows one of its instances, and only
   * through the instances `readable` allows: the others are neither named nor
   * counted. Filtered in the database, not after loading.
   */
  async listRuns(query: {
    instance?: string;
    createdBy?: string;
    state?: CommandRun['state'];
    limit: number;
    readable: ListFilter;
    audit: ListFilter;
    author: string;
  }): Promise<Array<CommandRun & { instances: string[] }>> {
    const resultsIn = (filter: ListFilter) => {
      const results = this.knex('command_results');
      if (filter.kind === 'none') results.whereRaw('1 = 0');
      if (filter.kind === 'some')
        results.whereIn(
          'instance_id',
          whereInstanceCriteria(
            this.knex('instances').select('id'),
            filter.criteria,
          ),
        );
      return results;
    };
    if (query.readable.kind === 'none') return [];
    let q = this.knex<RunRow>('command_runs')
      .orderBy('created_at', 'desc')
      .limit(query.limit);
    if (query.createdBy) q = q.where('created_by', query.createdBy);
    if (query.state) q = q.where('state', query.state);
    if (query.instance)
      q = q.whereIn(
        'id',
        resultsIn(query.readable)
          .select('run_id')
          .where('instance_name', query.instance),
      );
    else if (query.readable.kind === 'some')
      q = q.whereIn('id', resultsIn(query.readable).select('run_id'));
    if (query.audit.kind !== 'all') {
      q = q.where(w =>
        w
          .where('created_by', query.author)
          .orWhereIn('id', resultsIn(query.audit).select('run_id')),
      );
    }
    const rows: RunRow[] = await q;
    if (!rows.length) return [];
    const summary: Array<{
      run_id: string;
      state: CommandResultState;
      instance_name: string;
    }> = await resultsIn(query.readable)
      .whereIn(
        'run_id',
        rows.map(r => r.id),
      )
      .select('run_id', 'state', 'instance_name');
    return rows.map(row => {
      const mine = summary.filter(s => s.run_id === row.id);
      const counts: CommandRun['counts'] = {};
      for (const s of mine) counts[s.state] = (counts[s.state] ?? 0) + 1;
      const names = mine.map(s => s.instance_name).sort();
      const run = toRun(row, counts);
      const target =
        'instances' in run.target
          ? { instances: run.target.instances.filter(n => names.includes(n)) }
          : run.target;
      return { ...run, target, instances: names };
    });
  }

  /**
   * Runs whose replica is gone (in `gone`, no longer in `sindri_replicas`, or
   * from before replicas): their queued results will never start; a running
   * one waits for its agent, which reports the end again on every connect, to
   * any replica, until its timeout and `graceMs` have passed. A run left with
   * nothing unfinished is done.
   */
  async settleOrphaned(
    gone: string[],
    options: { now: Date; graceMs: number },
  ): Promise<{ cancelled: number; failed: number }> {
    const { now, graceMs } = options;
    const runs: Array<{ id: string; timeout_s: number }> = await whereOrphaned(
      this.knex('command_runs').where({ state: 'running' }),
      this.knex,
      gone,
    ).select('id', 'timeout_s');
    if (!runs.length) return { cancelled: 0, failed: 0 };
    const runIds = runs.map(r => r.id);
    const cancelled = await this.knex('command_results')
      .whereIn('run_id', runIds)
      .where({ state: 'queued' })
      .update({
        state: 'cancelled',
        ended_at: now,
        message:
          'the portal replica running this command stopped before it reached this instance',
      });
    const timeouts = new Map(runs.map(r => [r.id, r.timeout_s]));
    const running: Array<{ id: string; run_id: string; started_at: unknown }> =
      await this.knex('command_results')
        .whereIn('run_id', runIds)
        .where({ state: 'running' })
        .select('id', 'run_id', 'started_at');
    const overdue = running
      .filter(r => {
        const started = new Date(toIso(r.started_at) ?? now).getTime();
        const deadline =
          started + (timeouts.get(r.run_id) ?? 0) * 1000 + graceMs;
        return deadline < now.getTime();
      })
      .map(r => r.id);
    if (overdue.length)
      await this.knex('command_results')
        .whereIn('id', overdue)
        .where({ state: 'running' })
        .update({
          state: 'failed',
          ended_at: now,
          message:
            'no end was reported: the agent did not come back before the timeout passed',
        });
    await this.knex('command_runs')
      .whereIn('id', runIds)
      .where({ state: 'running' })
      .whereNotExists(
        this.knex('command_results')
          .whereRaw('command_results.run_id = command_runs.id')
          .whereNotIn('state', FINAL_COMMAND_STATES as string[]),
      )
      .update({ state: 'done', ended_at: now });
    return { cancelled, failed: overdue.length };
  }
}
