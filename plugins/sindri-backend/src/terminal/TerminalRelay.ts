import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AgentLiveFrame,
  DataFrame,
  encodeDataFrame,
  LIVE_LIMITS,
  TERMINAL_CLOSE_CODES,
  TerminalServerMessage,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks, LiveListener } from '../live/AgentLinks';
import { TerminalAuditStore } from './TerminalAuditStore';

/** A browser attached to a session, as the relay sees it (the socket server wraps the WebSocket). */
export interface TerminalViewer {
  /** entity ref of the signed-in user */
  user: string;
  send(message: TerminalServerMessage): void;
  sendData(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
  /** bytes queued in the backend for this viewer, not yet written to its socket */
  buffered?(): number;
}

/** What a viewer can do once attached. */
export interface TerminalAttachment {
  input(bytes: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** the viewer has rendered this many more output bytes */
  ack(bytes: number): void;
  /** end the session for everyone */
  close(): void;
  /** the viewer went away; the session lives on */
  detach(): void;
}

/**
 * waiting: pty-open sent, nothing back yet; opened: told, its replay is next;
 * ready: gets live output.
 */
type ViewerState = {
  phase: 'waiting' | 'opened' | 'ready';
  sent: number;
  acked: number;
};

interface Session {
  key: string;
  sessionId: string;
  instanceId: string;
  link: AgentLink;
  openedBy: string;
  auditId: string;
  /** the audit row existed before this backend attached, e.g. after a backend restart */
  resumed: boolean;
  bytesIn: number;
  bytesOut: number;
  flushed: { bytesIn: number; bytesOut: number };
  viewers: Map<TerminalViewer, ViewerState>;
  paused: boolean;
  /** while paused: checks whether the viewers' sockets have drained */
  drainTimer?: NodeJS.Timeout;
  /** the agent has answered pty-open at least once */
  opened: boolean;
  /** recorded keystrokes are written in order through this chain */
  recording: Promise<void>;
}

/**
 * How far a viewer is behind: what it has not acknowledged, or what still
 * waits in the backend for its socket, whichever is more (acks alone could lie).
 */
const lagOf = (viewer: TerminalViewer, state: ViewerState) =>
  Math.max(state.sent - state.acked, viewer.buffered?.() ?? 0);

const keyOf = (instanceId: string, sessionId: string) =>
  `${instanceId}/${sessionId}`;

/** A session the relay will not attach this viewer to, with the close code that says why. */
class SessionRefused extends Error {
  constructor(readonly closeCode: number, message: string) {
    super(message);
  }
}
const decoder = new TextDecoder();

/**
 * Relays terminal sessions between browsers and agents: one session per
 * browser-chosen id on an instance, any number of viewers (the same user),
 * replay of recent output on attach, end-to-end flow control from the
 * viewers' acknowledgements, and an audit row per session.
 */
export class TerminalRelay implements LiveListener {
  private readonly sessions = new Map<string, Session>();
  private readonly opening = new Map<string, Promise<Session>>();
  private readonly flushTimer: NodeJS.Timeout;

  constructor(
    private readonly links: AgentLinks,
    private readonly audit: TerminalAuditStore,
    private readonly logger: LoggerService,
    private readonly options: {
      recordInput: boolean;
      flushIntervalMs?: number;
      openTimeoutMs?: number;
    },
  ) {
    links.addListener(this);
    this.flushTimer = setInterval(
      () => void this.flushAll(),
      options.flushIntervalMs ?? 5000,
    );
    this.flushTimer.unref?.();
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
    const link = this.links.get(options.instanceId);
    if (!link) {
      viewer.send({
        type: 'offline',
        message: "the instance's agent is not connected",
      });
      viewer.close(TERMINAL_CLOSE_CODES.offline, 'agent offline');
      return undefined;
    }
    let session: Session;
    try {
      session = await this.sessionFor(link, options.sessionId, viewer.user);
    } catch (error) {
      if (error instanceof SessionRefused) {
        viewer.send({ type: 'error', message: error.message });
        viewer.close(error.closeCode, error.message.slice(0, 120));
      } else {
        // e.g. the database: the details are for the log, not the browser
        this.logger.error(
          `Terminal ${options.sessionId} on ${link.name} not opened: ${error}`,
        );
        viewer.send({
          type: 'error',
          message: 'the portal could not open the terminal now; try again',
        });
        viewer.close(TERMINAL_CLOSE_CODES.internalError, 'internal error');
      }
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
    // an agent without terminals (an older version) never answers
    const unanswered = setTimeout(() => {
      if (state.phase !== 'waiting' || !session.viewers.has(viewer)) return;
      viewer.send({
        type: 'offline',
        message:
          "the instance's agent did not open the terminal; it may be a version without terminals",
      });
      viewer.close(TERMINAL_CLOSE_CODES.offline, 'no answer from the agent');
      this.detach(session, viewer);
      // a session the agent never opened must not count against the limit, nor start a shell later with nobody to own it
      if (!session.opened && session.viewers.size === 0) {
        this.forget(session);
        session.link.send({ type: 'pty-close', session: session.sessionId });
        void this.audit
          .end(session.auditId, {
            bytesIn: 0,
            bytesOut: 0,
            exitCode: null,
            reason: 'error',
          })
          .catch(() => {});
      }
    }, this.options.openTimeoutMs ?? 15_000);
    unanswered.unref?.();

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
        this.flow(session);
      },
      close: () =>
        session.link.send({ type: 'pty-close', session: session.sessionId }),
      detach: () => this.detach(session, viewer),
    };
  }

  onFrame(link: AgentLink, frame: AgentLiveFrame): void {
    if (frame.type === 'pty-denied') {
      this.denied(link, frame.session, frame.message);
      return;
    }
    if (frame.type !== 'pty-opened' && frame.type !== 'pty-exit') return;
    const session = this.sessions.get(keyOf(link.instanceId, frame.session));
    // a shell's end is acknowledged once recorded: until then the agent reports it on every connect
    const acknowledge = () =>
      link.send({ type: 'pty-exit-ack', session: frame.session });
    if (frame.type === 'pty-exit' && !session) {
      // a shell this backend no longer follows (after a restart or reconnect, or one that ended while its agent was away) still ends its audit row
      void this.audit
        .findOpen(link.instanceId, frame.session)
        .then(
          open =>
            open &&
            this.audit.end(open.auditId, {
              bytesIn: open.bytesIn,
              bytesOut: open.bytesOut,
              exitCode: frame.exitCode,
              reason: frame.reason,
            }),
        )
        .then(acknowledge)
        .catch(error =>
          this.logger.warn(
            `Terminal audit of ${frame.session} not ended: ${error}`,
          ),
        );
      return;
    }
    if (!session || session.link !== link) return;
    if (frame.type === 'pty-opened') {
      session.opened = true;
      if (frame.created && session.resumed) void this.restartAudit(session);
      for (const [viewer, state] of session.viewers) {
        if (state.phase !== 'waiting') continue;
        viewer.send({ type: 'opened', created: frame.created });
        state.phase = frame.replayBytes > 0 ? 'opened' : 'ready';
      }
      return;
    }
    this.forget(session);
    for (const viewer of session.viewers.keys()) {
      viewer.send({
        type: 'exit',
        reason: frame.reason,
        exitCode: frame.exitCode,
        ...(frame.message ? { message: frame.message } : {}),
      });
      viewer.close(TERMINAL_CLOSE_CODES.ended, `session ${frame.reason}`);
    }
    session.viewers.clear();
    void session.recording
      .then(() =>
        this.audit.end(session.auditId, {
          bytesIn: session.bytesIn,
          bytesOut: session.bytesOut,
          exitCode: frame.exitCode,
          reason: frame.reason,
        }),
      )
      .then(acknowledge)
      .catch(error =>
        this.logger.warn(
          `Terminal audit of ${session.key} not ended: ${error}`,
        ),
      );
  }

  onData(link: AgentLink, frame: DataFrame): void {
    if (frame.kind === 'input') return;
    const session = this.sessions.get(keyOf(link.instanceId, frame.session));
    if (!session || session.link !== link) return;
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
    this.flow(session);
  }

  onDisconnect(link: AgentLink): void {
    for (const session of [...this.sessions.values()]) {
      if (session.link !== link) continue;
      this.forget(session);
      for (const viewer of session.viewers.keys()) {
        viewer.send({
          type: 'offline',
          message: "the instance's agent disconnected; its shells keep running",
        });
        viewer.close(TERMINAL_CLOSE_CODES.offline, 'agent offline');
      }
      session.viewers.clear();
      void this.flush(session);
    }
  }

  /** Stops the flush timer and writes the byte counts of every live session. */
  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushAll();
  }

  private async sessionFor(
    link: AgentLink,
    sessionId: string,
    user: string,
  ): Promise<Session> {
    const key = keyOf(link.instanceId, sessionId);
    let session = this.sessions.get(key) ?? (await this.opening.get(key));
    if (!session) {
      const opening = this.open(link, sessionId, user);
      this.opening.set(key, opening);
      try {
        session = await opening;
      } finally {
        this.opening.delete(key);
      }
    }
    if (session.openedBy !== user) {
      throw new SessionRefused(
        TERMINAL_CLOSE_CODES.forbidden,
        'this terminal session belongs to another user',
      );
    }
    // the agent reconnected while this was being looked up: that link is gone
    if (this.links.get(link.instanceId) !== session.link) {
      this.forget(session);
      throw new SessionRefused(
        TERMINAL_CLOSE_CODES.offline,
        "the instance's agent reconnected; try again",
      );
    }
    return session;
  }

  private async open(
    link: AgentLink,
    sessionId: string,
    user: string,
  ): Promise<Session> {
    const existing = await this.audit.findOpen(link.instanceId, sessionId);
    if (!existing) {
      const live = [...this.sessions.values()].filter(
        s => s.instanceId === link.instanceId,
      ).length;
      if (live >= LIVE_LIMITS.maxSessionsPerInstance) {
        throw new SessionRefused(
          TERMINAL_CLOSE_CODES.tooManySessions,
          `the instance already has ${live} terminal sessions; close one first`,
        );
      }
    }
    if (existing && existing.openedBy !== user) {
      throw new SessionRefused(
        TERMINAL_CLOSE_CODES.forbidden,
        'this terminal session belongs to another user',
      );
    }
    const auditId =
      existing?.auditId ??
      (await this.audit.start({
        instanceId: link.instanceId,
        instanceName: link.name,
        sessionId,
        openedBy: user,
      }));
    const bytes = {
      bytesIn: existing?.bytesIn ?? 0,
      bytesOut: existing?.bytesOut ?? 0,
    };
    const session: Session = {
      key: keyOf(link.instanceId, sessionId),
      sessionId,
      instanceId: link.instanceId,
      link,
      openedBy: user,
      auditId,
      resumed: Boolean(existing),
      ...bytes,
      flushed: { ...bytes },
      viewers: new Map(),
      paused: false,
      opened: false,
      recording: Promise.resolve(),
    };
    this.sessions.set(session.key, session);
    return session;
  }

  private input(session: Session, viewer: TerminalViewer, bytes: Uint8Array) {
    if (bytes.length > LIVE_LIMITS.maxInputBytes) {
      viewer.send({
        type: 'error',
        message: `input: larger than ${LIVE_LIMITS.maxInputBytes} bytes in one message`,
      });
      viewer.close(TERMINAL_CLOSE_CODES.badRequest, 'input too large');
      return;
    }
    if (!this.sessions.has(session.key)) return;
    session.bytesIn += bytes.length;
    session.link.sendData(encodeDataFrame('input', session.sessionId, bytes));
    if (this.options.recordInput) {
      const text = decoder.decode(bytes);
      session.recording = session.recording
        .then(() => this.audit.recordInput(session.auditId, text))
        .catch(error =>
          this.logger.warn(
            `Terminal input of ${session.key} not recorded: ${error}`,
          ),
        );
    }
  }

  private detach(session: Session, viewer: TerminalViewer) {
    if (!session.viewers.delete(viewer)) return;
    if (!this.sessions.has(session.key)) return;
    this.flow(session);
    if (session.viewers.size === 0) {
      session.link.send({ type: 'pty-detach', session: session.sessionId });
      void this.flush(session);
    }
  }

  /** Pauses the PTY while any viewer has too much unacknowledged output; resumes when all caught up. */
  private flow(session: Session) {
    let lag = 0;
    for (const [viewer, state] of session.viewers)
      lag = Math.max(lag, lagOf(viewer, state));
    if (!session.paused && lag > LIVE_LIMITS.highWaterBytes) {
      session.paused = true;
      session.link.send({ type: 'pty-pause', session: session.sessionId });
      // a socket drains without any message arriving: look again until it has
      session.drainTimer = setInterval(() => this.flow(session), 50);
      session.drainTimer.unref?.();
    } else if (session.paused && lag < LIVE_LIMITS.lowWaterBytes) {
      session.paused = false;
      clearInterval(session.drainTimer);
      session.drainTimer = undefined;
      session.link.send({ type: 'pty-resume', session: session.sessionId });
    }
  }

  /** The agent refused to attach this user to a shell it holds for another: nobody waiting gets it. */
  private denied(link: AgentLink, sessionId: string, message: string) {
    const session = this.sessions.get(keyOf(link.instanceId, sessionId));
    if (!session || session.link !== link) return;
    this.forget(session);
    this.logger.warn(
      `Terminal ${sessionId} on ${link.name}: the agent refused ${session.openedBy}: ${message}`,
    );
    for (const viewer of session.viewers.keys()) {
      viewer.send({
        type: 'error',
        message: 'this terminal session belongs to another user',
      });
      viewer.close(
        TERMINAL_CLOSE_CODES.forbidden,
        'session belongs to another user',
      );
    }
    session.viewers.clear();
    void this.audit
      .end(session.auditId, {
        bytesIn: 0,
        bytesOut: 0,
        exitCode: null,
        reason: 'denied',
      })
      .catch(error =>
        this.logger.warn(
          `Terminal audit of ${session.key} not ended: ${error}`,
        ),
      );
  }

  /** Forgets a session: it ended, or its agent is gone. */
  private forget(session: Session) {
    if (this.sessions.get(session.key) === session)
      this.sessions.delete(session.key);
    clearInterval(session.drainTimer);
    session.drainTimer = undefined;
  }

  /** The agent started a new shell under an id whose old shell is gone (the agent restarted): a new audit row. */
  private async restartAudit(session: Session) {
    session.resumed = false;
    const previous = session.auditId;
    try {
      await this.audit.end(previous, {
        bytesIn: session.bytesIn,
        bytesOut: session.bytesOut,
        exitCode: null,
        reason: 'lost',
      });
      session.auditId = await this.audit.start({
        instanceId: session.instanceId,
        instanceName: session.link.name,
        sessionId: session.sessionId,
        openedBy: session.openedBy,
      });
      session.bytesIn = 0;
      session.bytesOut = 0;
      session.flushed = { bytesIn: 0, bytesOut: 0 };
    } catch (error) {
      this.logger.warn(
        `Terminal audit of ${session.key} not restarted: ${error}`,
      );
    }
  }

  private async flush(session: Session) {
    if (
      session.flushed.bytesIn === session.bytesIn &&
      session.flushed.bytesOut === session.bytesOut
    )
      return;
    const counts = { bytesIn: session.bytesIn, bytesOut: session.bytesOut };
    try {
      await this.audit.updateBytes(
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

  private async flushAll() {
    await Promise.all([...this.sessions.values()].map(s => this.flush(s)));
  }
}
