import {
  LIVE_LIMITS,
  TERMINAL_CLOSE_CODES,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks } from '../live/AgentLinks';
import { RelayAudit } from './RelayAudit';
import { RelayedSession, SessionRefused, sessionKey } from './relayTypes';
import { stopDrainWatch } from './sessionFlow';

/**
 * The sessions this backend relays, by instance and browser-chosen id. A
 * session belongs to the user who opened it (its audit row says who, across
 * backend restarts); an instance has at most `maxSessionsPerInstance`.
 */
export class RelayedSessions {
  private readonly sessions = new Map<string, RelayedSession>();
  private readonly opening = new Map<string, Promise<RelayedSession>>();

  constructor(
    private readonly links: AgentLinks,
    private readonly audit: RelayAudit,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get(link: AgentLink, sessionId: string): RelayedSession | undefined {
    const session = this.sessions.get(sessionKey(link.instanceId, sessionId));
    return session?.link === link ? session : undefined;
  }

  /** Whether another link of the instance than this one relays that session. */
  relayedElsewhere(link: AgentLink, sessionId: string): boolean {
    const session = this.sessions.get(sessionKey(link.instanceId, sessionId));
    return Boolean(session && session.link !== link);
  }

  has(session: RelayedSession): boolean {
    return this.sessions.get(session.key) === session;
  }

  all(): RelayedSession[] {
    return [...this.sessions.values()];
  }

  /** The session of that id for this user: the one relayed now, or one opened (or resumed from its audit row). */
  async forUser(
    link: AgentLink,
    sessionId: string,
    user: string,
  ): Promise<RelayedSession> {
    const key = sessionKey(link.instanceId, sessionId);
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

  /** Forgets a session: it ended, or its agent is gone. */
  forget(session: RelayedSession) {
    if (this.has(session)) this.sessions.delete(session.key);
    stopDrainWatch(session);
  }

  /** A session the agent never opened and nobody waits for: it must not count against the limit, nor start a shell later with nobody to own it. */
  abandonIfUnopened(session: RelayedSession) {
    if (session.opened || session.viewers.size > 0) return;
    this.forget(session);
    session.link.send({ type: 'pty-close', session: session.sessionId });
    void this.audit
      .end(session, { exitCode: null, reason: 'error', counted: false })
      .catch(() => {});
  }

  private async open(
    link: AgentLink,
    sessionId: string,
    user: string,
  ): Promise<RelayedSession> {
    const existing = await this.audit.findOpen(link.instanceId, sessionId);
    if (!existing) {
      const live = this.all().filter(
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
      existing?.auditId ?? (await this.audit.start(link, sessionId, user));
    const bytes = {
      bytesIn: existing?.bytesIn ?? 0,
      bytesOut: existing?.bytesOut ?? 0,
    };
    const session: RelayedSession = {
      key: sessionKey(link.instanceId, sessionId),
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
}
