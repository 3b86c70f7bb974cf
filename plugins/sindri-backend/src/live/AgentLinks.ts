import {
  AgentLiveFrame,
  BackendLiveFrame,
  DataFrame,
} from '@internal/plugin-sindri-common';

/** The backend's side of one connected agent's live channel. */
export interface AgentLink {
  instanceId: string;
  name: string;
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

/**
 * The agents connected to this backend now, by instance id. The newest
 * connection of an instance wins; a stale one closing later changes nothing.
 */
export class AgentLinks {
  private readonly links = new Map<string, AgentLink>();
  private readonly listeners: LiveListener[] = [];

  addListener(listener: LiveListener) {
    this.listeners.push(listener);
  }

  get(instanceId: string): AgentLink | undefined {
    return this.links.get(instanceId);
  }

  isConnected(instanceId: string): boolean {
    return this.links.has(instanceId);
  }

  connected(link: AgentLink) {
    const previous = this.links.get(link.instanceId);
    this.links.set(link.instanceId, link);
    if (previous && previous !== link)
      this.listeners.forEach(l => l.onDisconnect(previous));
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

  frame(link: AgentLink, frame: AgentLiveFrame) {
    if (this.links.get(link.instanceId) !== link) return;
    this.listeners.forEach(l => l.onFrame(link, frame));
  }

  data(link: AgentLink, frame: DataFrame) {
    if (this.links.get(link.instanceId) !== link) return;
    this.listeners.forEach(l => l.onData(link, frame));
  }
}
