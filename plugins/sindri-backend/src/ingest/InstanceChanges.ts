import { EventsService } from '@backstage/plugin-events-node';
import {
  INSTANCE_CHANGED_TOPIC,
  InstanceChangedPayload,
} from '@internal/plugin-sindri-node';

/** Publishes instance changes for the catalog module (and anyone else listening). */
export class InstanceChanges {
  constructor(private readonly events: EventsService) {}

  async publish(payload: InstanceChangedPayload): Promise<void> {
    await this.events.publish({
      topic: INSTANCE_CHANGED_TOPIC,
      eventPayload: payload,
    });
  }
}
