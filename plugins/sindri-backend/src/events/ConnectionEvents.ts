import { AgentLink, LiveListener } from '../live/AgentLinks';
import { EventService } from './EventService';

/**
 * Records agents' connections on the timeline: `connected` once a link has
 * registered (a registration sent again on the same link is not a new
 * connection), `disconnected` when a registered link goes.
 */
export class ConnectionEvents implements LiveListener {
  private readonly announced = new WeakSet<AgentLink>();

  constructor(private readonly events: EventService) {}

  onRegistered(link: AgentLink): void {
    // a bridge to another replica is not a connection of the agent
    if (link.via || this.announced.has(link)) return;
    this.announced.add(link);
    this.events.note({
      type: 'connected',
      instance: { id: link.instanceId, name: link.name },
      message: 'the agent connected',
    });
  }

  onDisconnect(link: AgentLink): void {
    if (!this.announced.has(link)) return;
    this.announced.delete(link);
    this.events.note({
      type: 'disconnected',
      instance: { id: link.instanceId, name: link.name },
      message: 'the agent disconnected',
    });
  }

  onFrame(): void {}

  onData(): void {}
}
