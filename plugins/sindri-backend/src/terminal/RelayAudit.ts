import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentLink } from '../live/AgentLinks';
import { EventService } from '../events/EventService';
import { RelayedSession } from './relayTypes';
import { TerminalAuditStore } from './TerminalAuditStore';

type EndReason = Parameters<TerminalAuditStore['end']>[1]['reason'];

const decoder = new TextDecoder();

/**
 * The audit of relayed sessions: a row per shell, its byte counts written
 * every few seconds and at the end, recorded keystrokes in order, and the
 * end of shells this backend no longer follows.
 */
export class RelayAudit {
  private readonly flushTimer: NodeJS.Timeout;

  private readonly store: TerminalAuditStore;
  private readonly events: EventService;
  private readonly logger: LoggerService;

  constructor(
    {
      store,
      events,
      logger,
    }: {
      store: TerminalAuditStore;
      events: EventService;
      logger: LoggerService;
    },
    private readonly sessions: () => Iterable<RelayedSession>,
    private readonly options: {
      recordInput: boolean;
      flushIntervalMs?: number;
    },
  ) {
    this.store = store;
    this.events = events;
    this.logger = logger;
    this.flushTimer = setInterval(
      () => void this.flushAll(),
      options.flushIntervalMs ?? 5000,
    );
    this.flushTimer.unref?.();
  }

  findOpen(instanceId: string, sessionId: string) {
    return this.store.findOpen(instanceId, sessionId);
  }

  async start(link: AgentLink, sessionId: string, openedBy: string) {
    const auditId = await this.store.start({
      instanceId: link.instanceId,
      instanceName: link.name,
      sessionId,
      openedBy,
    });
    // the audit row is the subject: the session id itself re-attaches to the shell, so it is never shown
    this.events.note({
      type: 'terminal-opened',
      instance: { id: link.instanceId, name: link.name },
      message: `terminal opened by ${openedBy}`,
      data: { openedBy },
      subject: { kind: 'terminal-session', id: auditId },
    });
    return auditId;
  }

  private noteEnd(
    link: AgentLink,
    auditId: string,
    end: { exitCode: number | null; reason: EndReason },
    counts: { bytesIn: number; bytesOut: number },
  ) {
    this.events.note({
      type: 'terminal-closed',
      instance: { id: link.instanceId, name: link.name },
      severity: end.reason === 'lost' ? 'warning' : 'info',
      message: `terminal ${end.reason}${
        end.exitCode === null ? '' : ` (exit code ${end.exitCode})`
      }`,
      data: {
        reason: end.reason,
        ...(end.exitCode === null ? {} : { exitCode: end.exitCode }),
        ...counts,
      },
      subject: { kind: 'terminal-session', id: auditId },
    });
  }

  /** Keystrokes, in order after those before them, when recording is on. */
  recordInput(session: RelayedSession, bytes: Uint8Array) {
    if (!this.options.recordInput) return;
    const text = decoder.decode(bytes);
    session.recording = session.recording
      .then(() => this.store.recordInput(session.auditId, text))
      .catch(error =>
        this.logger.warn(
          `Terminal input of ${session.key} not recorded: ${error}`,
        ),
      );
  }

  /** Ends a session's row once its recorded input is written; resolves when stored. */
  async end(
    session: RelayedSession,
    end: { exitCode: number | null; reason: EndReason; counted?: boolean },
  ): Promise<void> {
    await session.recording;
    const counts = {
      bytesIn: end.counted === false ? 0 : session.bytesIn,
      bytesOut: end.counted === false ? 0 : session.bytesOut,
    };
    await this.store.end(session.auditId, {
      ...counts,
      exitCode: end.exitCode,
      reason: end.reason,
    });
    this.noteEnd(session.link, session.auditId, end, counts);
  }

  /** A shell this backend no longer follows (after a restart, or one that ended while its agent was away) still ends its row. */
  async endUnfollowed(
    link: AgentLink,
    sessionId: string,
    end: { exitCode: number | null; reason: EndReason },
  ): Promise<void> {
    const open = await this.store.findOpen(link.instanceId, sessionId);
    if (!open) return;
    const counts = { bytesIn: open.bytesIn, bytesOut: open.bytesOut };
    await this.store.end(open.auditId, { ...counts, ...end });
    this.noteEnd(link, open.auditId, end, counts);
  }

  /** The agent started a new shell under an id whose old shell is gone (the agent restarted): a new row. */
  async restart(session: RelayedSession) {
    session.resumed = false;
    try {
      const counts = { bytesIn: session.bytesIn, bytesOut: session.bytesOut };
      const end = { exitCode: null, reason: 'lost' as const };
      await this.store.end(session.auditId, { ...counts, ...end });
      this.noteEnd(session.link, session.auditId, end, counts);
      session.auditId = await this.start(
        session.link,
        session.sessionId,
        session.openedBy,
      );
      session.bytesIn = 0;
      session.bytesOut = 0;
      session.flushed = { bytesIn: 0, bytesOut: 0 };
    } catch (error) {
      this.logger.warn(
        `Terminal audit of ${session.key} not restarted: ${error}`,
      );
    }
  }

  async flush(session: RelayedSession) {
    if (
      session.flushed.bytesIn === session.bytesIn &&
      session.flushed.bytesOut === session.bytesOut
    )
      return;
    const counts = { bytesIn: session.bytesIn, bytesOut: session.bytesOut };
    try {
      await this.store.updateBytes(
        session.auditId,
        counts.bytesIn,
        counts.bytesOut,
      );
      session.flushed = counts;
    } catch (error) {
      this.logger.warn(
        `Terminal audit of ${session.key} not updated: ${error}`,
      );
    }
  }

  /** Stops the timer and writes the byte counts of every live session. */
  async close() {
    clearInterval(this.flushTimer);
    await this.flushAll();
  }

  private async flushAll() {
    await Promise.all([...this.sessions()].map(s => this.flush(s)));
  }
}
