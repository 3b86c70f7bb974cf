import {
  AgentLiveFrame,
  BackendLiveFrame,
  DataFrame,
} from '@internal/plugin-sindri-common';

/** The backend's side of one connected agent's live channel. */
export interface AgentLink {
  instanceId: string;
  name: string;
  /** Set when the agent is connected to another replica and this link reaches it through that one: its id. */
  via?: string;
  send(frame: BackendLiveFrame): void;
  sendData(bytes: Uint8Array): void;
  /** Ends the connection, e.g. when the instance is removed and its token with it. */
  close(code: number, reason: string): void;
}

/** Who hears what agents say on their live channels. */
export interface LiveListener {
  onFrame(link: AgentLink, frame: AgentLiveFrame): void;
  onData(link: AgentLink, frame: DataFrame): void;
  /** The agent's connection is gone (it may come back with a new link). */
  onDisconnect(link: AgentLink): void;
  /** An agent (re)connected and registered, so it listens: what waited for it can be sent now. */
  onRegistered?(link: AgentLink): void;
}

/** Where the agent's frames about a session or command another replica started go: back to that replica. */
export interface BridgeSink {
  frame(frame: AgentLiveFrame): void;
  data(frame: DataFrame): void;
}

/** The terminal session or command a live frame is about. */
export function liveFrameSubject(
  frame: AgentLiveFrame | BackendLiveFrame,
): string {
  return 'session' in frame ? frame.session : frame.run;
}

/**
 * The agents this backend reaches now, by instance id: connected here, or
 * through the replica they are connected to (a bridged link, opened on
 * demand by `resolve`). The newest link of an instance wins; a stale one
 * closing later changes nothing. The agent's frames about a session or
 * command another replica started go to that replica's bridge, not to the
 * listeners here.
 */
export class AgentLinks {
  private readonly links = new Map<string, AgentLink>();
  private readonly listeners: LiveListener[] = [];
  private readonly routes = new Map<string, Map<string, BridgeSink>>();
  private readonly opening = new Map<string, Promise<AgentLink | undefined>>();
  private opener?: (instanceId: string) => Promise<AgentLink | undefined>;

  addListener(listener: LiveListener) {
    this.listeners.push(listener);
  }

  /** How a link to an agent connected to another replica is opened. */
  setBridgeOpener(
    opener: (instanceId: string) => Promise<AgentLink | undefined>,
  ) {
    this.opener = opener;
  }

  get(instanceId: string): AgentLink | undefined {
    return this.links.get(instanceId);
  }

  /** The link of an agent connected to this replica itself. */
  getLocal(instanceId: string): AgentLink | undefined {
    const link = this.links.get(instanceId);
    return link && !link.via ? link : undefined;
  }

  /** The agent's link here, or a bridge to the replica it is connected to; undefined when it is connected nowhere. */
  async resolve(instanceId: string): Promise<AgentLink | undefined> {
    const current = this.links.get(instanceId);
    if (current || !this.opener) return current;
    let pending = this.opening.get(instanceId);
    if (!pending) {
      pending = this.opener(instanceId).finally(() =>
        this.opening.delete(instanceId),
      );
      this.opening.set(instanceId, pending);
    }
    return pending;
  }

  isConnected(instanceId: string): boolean {
    return this.links.has(instanceId);
  }

  connected(link: AgentLink) {
    const previous = this.links.get(link.instanceId);
    this.links.set(link.instanceId, link);
    if (previous && previous !== link) {
      this.listeners.forEach(l => l.onDisconnect(previous));
      if (previous.via) previous.close(1000, 'the agent connected here');
    }
  }

  registered(link: AgentLink) {
    if (this.links.get(link.instanceId) !== link) return;
    this.listeners.forEach(l => l.onRegistered?.(link));
  }

  disconnected(link: AgentLink) {
    if (this.links.get(link.instanceId) !== link) return;
    this.links.delete(link.instanceId);
    this.listeners.forEach(l => l.onDisconnect(link));
  }

  /** Frames about `subject` on this instance go to `sink` from now on. */
  route(instanceId: string, subject: string, sink: BridgeSink) {
    const routes = this.routes.get(instanceId) ?? new Map();
    this.routes.set(instanceId, routes.set(subject, sink));
  }

  /** This replica sent a frame about its own session or command: the agent's answers are for it. */
  claim(instanceId: string, frame: BackendLiveFrame) {
    this.routes.get(instanceId)?.delete(liveFrameSubject(frame));
  }

  /** A bridge closed: what it was sent falls back to the listeners here (late ends are stored all the same). */
  unroute(sink: BridgeSink) {
    for (const [instanceId, routes] of this.routes) {
      for (const [subject, s] of routes) if (s === sink) routes.delete(subject);
      if (!routes.size) this.routes.delete(instanceId);
    }
  }

  frame(link: AgentLink, frame: AgentLiveFrame) {
    if (this.links.get(link.instanceId) !== link) return;
    const bridge = this.bridgeFor(link, liveFrameSubject(frame));
    if (bridge) bridge.frame(frame);
    else this.listeners.forEach(l => l.onFrame(link, frame));
  }

  data(link: AgentLink, frame: DataFrame) {
    if (this.links.get(link.instanceId) !== link) return;
    const bridge = this.bridgeFor(link, frame.session);
    if (bridge) bridge.data(frame);
    else this.listeners.forEach(l => l.onData(link, frame));
  }

  private bridgeFor(link: AgentLink, subject: string) {
    return link.via
      ? undefined
      : this.routes.get(link.instanceId)?.get(subject);
  }
}
