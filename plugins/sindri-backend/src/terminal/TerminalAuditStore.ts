import crypto from 'node:crypto';
import { Knex } from 'knex';
import { TerminalSessionRecord } from '@internal/plugin-sindri-common';
import { toIso } from '../database/time';

type Row = {
  id: string;
  instance_id: string;
  session_id: string;
  opened_by: string;
  started_at: unknown;
  ended_at: unknown;
  bytes_in: number | string;
  bytes_out: number | string;
  exit_code: number | null;
  end_reason: string | null;
};

export interface OpenTerminalSession {
  auditId: string;
  openedBy: string;
  bytesIn: number;
  bytesOut: number;
}

/** The terminal audit: a row per session, and keystrokes when recording is on. */
export class TerminalAuditStore {
  constructor(private readonly knex: Knex) {}

  async start(options: { instanceId: string; sessionId: string; openedBy: string; now?: Date }): Promise<string> {
    const id = crypto.randomUUID();
    await this.knex('terminal_sessions').insert({
      id,
      instance_id: options.instanceId,
      session_id: options.sessionId,
      opened_by: options.openedBy,
      started_at: options.now ?? new Date(),
    });
    return id;
  }

  /** The session with this browser-chosen id that has not ended, if any. */
  async findOpen(instanceId: string, sessionId: string): Promise<OpenTerminalSession | undefined> {
    const row: Row | undefined = await this.knex('terminal_sessions')
      .where({ instance_id: instanceId, session_id: sessionId })
      .whereNull('ended_at')
      .orderBy('started_at', 'desc')
      .first();
    return row
      ? { auditId: row.id, openedBy: row.opened_by, bytesIn: Number(row.bytes_in), bytesOut: Number(row.bytes_out) }
      : undefined;
  }

  async updateBytes(auditId: string, bytesIn: number, bytesOut: number): Promise<void> {
    await this.knex('terminal_sessions').where({ id: auditId }).update({ bytes_in: bytesIn, bytes_out: bytesOut });
  }

  async end(auditId: string, end: { bytesIn: number; bytesOut: number; exitCode: number | null; reason: string; now?: Date }) {
    await this.knex('terminal_sessions')
      .where({ id: auditId })
      .whereNull('ended_at')
      .update({
        ended_at: end.now ?? new Date(),
        bytes_in: end.bytesIn,
        bytes_out: end.bytesOut,
        exit_code: end.exitCode,
        end_reason: end.reason,
      });
  }

  async recordInput(auditId: string, data: string): Promise<void> {
    await this.knex('terminal_input').insert({ terminal_session_id: auditId, at: new Date(), data });
  }

  async input(auditId: string): Promise<string> {
    const rows: Array<{ data: string }> = await this.knex('terminal_input').where({ terminal_session_id: auditId }).orderBy('seq');
    return rows.map(r => r.data).join('');
  }

  async list(instanceId: string, options: { instanceName: string; limit: number }): Promise<TerminalSessionRecord[]> {
    const rows: Row[] = await this.knex('terminal_sessions')
      .where({ instance_id: instanceId })
      .orderBy('started_at', 'desc')
      .limit(options.limit);
    return rows.map(row => ({
      id: row.id,
      instance: options.instanceName,
      sessionId: row.session_id,
      openedBy: row.opened_by,
      startedAt: toIso(row.started_at)!,
      endedAt: toIso(row.ended_at),
      bytesIn: Number(row.bytes_in),
      bytesOut: Number(row.bytes_out),
      exitCode: row.exit_code,
      endReason: row.end_reason ?? undefined,
    }));
  }
}
