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

  async start(options: {
    instanceId: string;
    instanceName: string;
    sessionId: string;
    openedBy: string;
    now?: Date;
  }): Promise<string> {
    const id = crypto.randomUUID();
    await this.knex('terminal_sessions').insert({
      id,
      instance_id: options.instanceId,
      instance_name: options.instanceName,
      session_id: options.sessionId,
      opened_by: options.openedBy,
      started_at: options.now ?? new Date(),
    });
    return id;
  }

  /** The session with this browser-chosen id that has not ended, if any. */
  async findOpen(
    instanceId: string,
    sessionId: string,
  ): Promise<OpenTerminalSession | undefined> {
    const row: Row | undefined = await this.knex('terminal_sessions')
      .where({ instance_id: instanceId, session_id: sessionId })
      .whereNull('ended_at')
      .orderBy('started_at', 'desc')
      .first();
    return row
      ? {
          auditId: row.id,
          openedBy: row.opened_by,
          bytesIn: Number(row.bytes_in),
          bytesOut: Number(row.bytes_out),
        }
      : undefined;
  }

  async updateBytes(
    auditId: string,
    bytesIn: number,
    bytesOut: number,
  ): Promise<void> {
    await this.knex('terminal_sessions')
      .where({ id: auditId })
      .update({ bytes_in: bytesIn, bytes_out: bytesOut });
  }

  async end(
    auditId: string,
    end: {
      bytesIn: number;
      bytesOut: number;
      exitCode: number | null;
      reason: string;
      now?: Date;
    },
  ) {
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
    await this.knex('terminal_input').insert({
      terminal_session_id: auditId,
      at: new Date(),
      data,
    });
  }

  /** The keystrokes recorded for a session, oldest first, up to `maxChars`; `truncated` when there were more. */
  async input(
    auditId: string,
    maxChars = Infinity,
  ): Promise<{ text: string; truncated: boolean }> {
    let text = '';
    let after = 0;
    // paged, so a long recording is never read whole
    for (;;) {
      const rows: Array<{ seq: number; data: string }> = await this.knex(
        'terminal_input',
      )
        .where({ terminal_session_id: auditId })
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(500)
        .select('seq', 'data');
      for (const row of rows) {
        if (text.length + row.data.length > maxChars)
          return {
            text: text + row.data.slice(0, maxChars - text.length),
            truncated: true,
          };
        text += row.data;
      }
      if (rows.length < 500) return { text, truncated: false };
      after = rows[rows.length - 1].seq;
    }
  }

  /** The session with this audit id, if it was on this instance. */
  async get(
    instanceId: string,
    auditId: string,
  ): Promise<{ id: string } | undefined> {
    return this.knex('terminal_sessions')
      .where({ id: auditId, instance_id: instanceId })
      .first('id');
  }

  /** The instance's sessions, newest first; with `openedBy`, only that user's. */
  async list(
    instanceId: string,
    options: { instanceName: string; limit: number; openedBy?: string },
  ): Promise<TerminalSessionRecord[]> {
    const recorded = this.knex('terminal_input')
      .whereRaw('terminal_input.terminal_session_id = terminal_sessions.id')
      .select(this.knex.raw('1'));
    const query = this.knex('terminal_sessions')
      .where({ instance_id: instanceId })
      .select(
        'terminal_sessions.*',
        this.knex.raw(
          '(case when exists ? then 1 else 0 end) as input_recorded',
          [recorded],
        ),
      );
    if (options.openedBy !== undefined)
      query.where({ opened_by: options.openedBy });
    const rows: Array<Row & { input_recorded: number | string }> = await query
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
      inputRecorded: Number(row.input_recorded) === 1,
    }));
  }
}
