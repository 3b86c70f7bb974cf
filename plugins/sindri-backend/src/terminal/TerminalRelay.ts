import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AgentLiveFrame,
  DataFrame,
  encodeDataFrame,
  LIVE_LIMITS,
  TERMINAL_CLOSE_CODES,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks, LiveListener } from '../live/AgentLinks';
import { RelayAudit } from './RelayAudit';
import { RelayedSessions } from './RelayedSessions';
import {
  RelayedSession,
  TerminalAttachment,
  TerminalViewer,
  ViewerState,
} from './relayTypes';
import { refuseViewer } from './refuseViewer';
import { applyFlowControl, lagOf } from './sessionFlow';
import { TerminalAuditStore } from './TerminalAuditStore';
import { EventService } from '../events/EventService';

/**
 * Relays terminal sessions between browsers and agents: one session per
 * browser-chosen id on an instance, any number of viewers (the same user),
 * replay of recent output on attach, end-to-end flow control from the
 * viewers' acknowledgements, and an audit row per session.
 */
export class TerminalRelay implements LiveListener {
  private readonly sessions: RelayedSessions;
  private readonly audit: RelayAudit;

  constructor(
    private readonly links: AgentLinks,
    /** where sessions are audited and put on the timeline */
    records: { store: TerminalAuditStore; events: EventService },
    private readonly logger: LoggerService,
    private readonly options: {
      recordInput: boolean;
      flushIntervalMs?: number;
      openTimeoutMs?: number;
    },
  ) {
    const sessions = () => this.sessions.all();
    this.audit = new RelayAudit({ ...records, logger }, sessions, options);
    this.sessions = new RelayedSessions(links, this.audit);
    links.addListener(this);
  }

  /** Sessions this backend relays now (attached or not), for tests and health. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  async attach(options: {
    instanceId: string;
    sessionId: string;
    cols: number;
    rows: number;
    viewer: TerminalViewer;
  }): Promise<TerminalAttachment | undefined> {
    const { viewer } = options;
    const link = await this.links.resolve(options.instanceId);
    if (!link) {
      viewer.send({
        type: 'offline',
        message: "the instance's agent is not connected",
      });
      viewer.close(TERMINAL_CLOSE_CODES.offline, 'agent offline');
      return undefined;
    }
    let session: RelayedSession;
    try {
      session = await this.sessions.forUser(
        link,
        options.sessionId,
        viewer.user,
      );
    } catch (error) {
      refuseViewer(viewer, error, () =>
        this.logger.error(
          `Terminal ${options.sessionId} on ${link.name} not opened: ${error}`,
        ),
      );
      return undefined;
    }
    const state: ViewerState = { phase: 'waiting', sent: 0, acked: 0 };
    session.viewers.set(viewer, state);
    // the agent holds the session's owner too: a shell is only ever attached to the user who started it
    session.link.send({
      type: 'pty-open',
      session: session.sessionId,
      cols: options.cols,
      rows: options.rows,
      user: session.openedBy,
    });
    this.expectOpened(session, viewer, state);
    return {
      input: bytes => this.input(session, viewer, bytes),
      resize: (cols, rows) =>
        session.link.send({
          type: 'pty-resize',
          session: session.sessionId,
          cols,
          rows,
        }),
      ack: bytes => {
        state.acked = Math.min(state.sent, state.acked + bytes);
        applyFlowControl(session);
      },
      close: () =>
        session.link.send({ type: 'pty-close', session: session.sessionId }),
      detach: () => this.detach(session, viewer),
    };
  }

  onFrame(link: AgentLink, frame: AgentLiveFrame): void {
    if (frame.type === 'pty-denied')
      this.denied(link, frame.session, frame.message);
    else if (frame.type === 'pty-opened') this.opened(link, frame);
    else if (frame.type === 'pty-exit') this.exited(link, frame);
  }

  onData(link: AgentLink, frame: DataFrame): void {
    if (frame.kind === 'input') return;
    const session = this.sessions.get(link, frame.session);
    if (!session) return;
    const wanted = frame.kind === 'output' ? 'ready' : 'opened';
    if (frame.kind === 'output') session.bytesOut += frame.payload.length;
    for (const [viewer, state] of session.viewers) {
      if (state.phase !== wanted) continue;
      state.phase = 'ready';
      viewer.sendData(frame.payload);
      state.sent += frame.payload.length;
      if (lagOf(viewer, state) > LIVE_LIMITS.viewerMaxLagBytes) {
        this.logger.info(
          `Terminal viewer of ${session.key} is too far behind; disconnecting it`,
        );
        viewer.close(TERMINAL_CLOSE_CODES.tooSlow, 'too far behind');
        this.detach(session, viewer);
      }
    }
    applyFlowControl(session);
  }

  onDisconnect(link: AgentLink): void {
    for (const session of this.sessions.all()) {
      if (session.link !== link) continue;
      this.endForViewers(session, viewer => {
        viewer.send({
          type: 'offline',
          message: "the instance's agent disconnected; its shells keep running",
        });
        viewer.close(TERMINAL_CLOSE_CODES.offline, 'agent offline');
      });
      void this.audit.flush(session);
    }
  }

  /** Stops the audit's flush timer and writes the byte counts of every live session. */
  async close(): Promise<void> {
    await this.audit.close();
  }

  /** An agent without terminals (an older version) never answers pty-open: the viewer is told, and no shell starts later with nobody to own it. */
  private expectOpened(
    session: RelayedSession,
    viewer: TerminalViewer,
    state: ViewerState,
  ) {
    const unanswered = setTimeout(() => {
      if (state.phase !== 'waiting' || !session.viewers.has(viewer)) return;
      viewer.send({
        type: 'offline',
        message:
          "the instance's agent did not open the terminal; it may be a version without terminals",
      });
      viewer.close(TERMINAL_CLOSE_CODES.offline, 'no answer from the agent');
      this.detach(session, viewer);
      this.sessions.abandonIfUnopened(session);
    }, this.options.openTimeoutMs ?? 15_000);
    unanswered.unref?.();
  }

  private opened(
    link: AgentLink,
    frame: Extract<AgentLiveFrame, { type: 'pty-opened' }>,
  ) {
    const session = this.sessions.get(link, frame.session);
    if (!session) return;
    session.opened = true;
    if (frame.created && session.resumed) void this.audit.restart(session);
    for (const [viewer, state] of session.viewers) {
      if (state.phase !== 'waiting') continue;
      viewer.send({ type: 'opened', created: frame.created });
      state.phase = frame.replayBytes > 0 ? 'opened' : 'ready';
    }
  }

  /** A shell's end is acknowledged once recorded: until then the agent reports it on every connect. */
  private exited(
    link: AgentLink,
    frame: Extract<AgentLiveFrame, { type: 'pty-exit' }>,
  ) {
    const acknowledge = () =>
      link.send({ type: 'pty-exit-ack', session: frame.session });
    const end = { exitCode: frame.exitCode, reason: frame.reason };
    // a session another (newer) link of the instance relays is that link's to end
    if (this.sessions.relayedElsewhere(link, frame.session)) return;
    const session = this.sessions.get(link, frame.session);
    const recorded = session
      ? this.audit.end(session, end)
      : this.audit.endUnfollowed(link, frame.session, end);
    if (session)
      this.endForViewers(session, viewer => {
        viewer.send({
          type: 'exit',
          reason: frame.reason,
          exitCode: frame.exitCode,
          ...(frame.message ? { message: frame.message } : {}),
        });
        viewer.close(TERMINAL_CLOSE_CODES.ended, `session ${frame.reason}`);
      });
    void recorded
      .then(acknowledge)
      .catch(error =>
        this.logger.warn(
          `Terminal audit of ${frame.session} on ${link.name} not ended: ${error}`,
        ),
      );
  }

  /** The agent refused to attach this user to a shell it holds for another: nobody waiting gets it. */
  private denied(link: AgentLink, sessionId: string, message: string) {
    const session = this.sessions.get(link, sessionId);
    if (!session) return;
    this.logger.warn(
      `Terminal ${sessionId} on ${link.name}: the agent refused ${session.openedBy}: ${message}`,
    );
    this.endForViewers(session, viewer => {
      viewer.send({
        type: 'error',
        message: 'this terminal session belongs to another user',
      });
      viewer.close(
        TERMINAL_CLOSE_CODES.forbidden,
        'session belongs to another user',
      );
    });
    void this.audit
      .end(session, { exitCode: null, reason: 'denied', counted: false })
      .catch(error =>
        this.logger.warn(
          `Terminal audit of ${session.key} not ended: ${error}`,
        ),
      );
  }

  /** The session is over here: forgotten, and each viewer told how. */
  private endForViewers(
    session: RelayedSession,
    tell: (viewer: TerminalViewer) => void,
  ) {
    this.sessions.forget(session);
    for (const viewer of session.viewers.keys()) tell(viewer);
    session.viewers.clear();
  }

  private input(
    session: RelayedSession,
    viewer: TerminalViewer,
    bytes: Uint8Array,
  ) {
    if (bytes.length > LIVE_LIMITS.maxInputBytes) {
      viewer.send({
        type: 'error',
        message: `input: larger than ${LIVE_LIMITS.maxInputBytes} bytes in one message`,
      });
      viewer.close(TERMINAL_CLOSE_CODES.badRequest, 'input too large');
      return;
    }
    if (!this.sessions.has(session)) return;
    session.bytesIn += bytes.length;
    session.link.sendData(encodeDataFrame('input', session.sessionId, bytes));
    this.audit.recordInput(session, bytes);
  }

  private detach(session: RelayedSession, viewer: TerminalViewer) {
    if (!session.viewers.delete(viewer)) return;
    if (!this.sessions.has(session)) return;
    applyFlowControl(session);
    if (session.viewers.size === 0) {
      session.link.send({ type: 'pty-detach', session: session.sessionId });
      void this.audit.flush(session);
    }
  }
}
