import { Knex } from 'knex';

/**
 * Deletes the audit that ended before `before`: terminal sessions (with any
 * recorded keystrokes), command runs (with their results) and lifecycle
 * operations, and resolved alerts (with their delivery log). What has not
 * ended yet is kept. Returns rows deleted per kind.
 */
export async function pruneAudit(
  knex: Knex,
  before: Date,
): Promise<{
  terminalSessions: number;
  commandRuns: number;
  operations: number;
  alerts: number;
}> {
  return knex.transaction(async tx => {
    const sessions = tx('terminal_sessions')
      .whereNotNull('ended_at')
      .where('ended_at', '<', before)
      .select('id');
    await tx('terminal_input')
      .whereIn('terminal_session_id', sessions)
      .delete();
    const terminalSessions = await tx('terminal_sessions')
      .whereNotNull('ended_at')
      .where('ended_at', '<', before)
      .delete();
    const runs = tx('command_runs')
      .whereNotNull('ended_at')
      .where('ended_at', '<', before)
      .select('id');
    await tx('command_results').whereIn('run_id', runs).delete();
    const commandRuns = await tx('command_runs')
      .whereNotNull('ended_at')
      .where('ended_at', '<', before)
      .delete();
    const operations = await tx('lifecycle_operations')
      .whereNotNull('finished_at')
      .where('finished_at', '<', before)
      .delete();
    const resolved = tx('sindri_alerts')
      .where('state', 'resolved')
      .where('resolved_at', '<', before)
      .select('id');
    await tx('sindri_alert_deliveries').whereIn('alert_id', resolved).delete();
    const alerts = await tx('sindri_alerts')
      .where('state', 'resolved')
      .where('resolved_at', '<', before)
      .delete();
    return { terminalSessions, commandRuns, operations, alerts };
  });
}
