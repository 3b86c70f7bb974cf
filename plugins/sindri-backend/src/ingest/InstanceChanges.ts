import { EventsService } from '@backstage/plugin-events-node';
import { FleetInstance } from '@internal/plugin-sindri-common';

/** Events topic on which every registration and status change is published. */
export const INSTANCE_CHANGED_TOPIC = 'sindri.instance.changed';

export interface InstanceChangedPayload {
  reason: 'registered' | 'status';
  instance: FleetInstance;
}

/** Publishes instance changes for the catalog module (and anyone else listening). */
export class InstanceChanges {
  constructor(private readonly events: EventsService) {}

  async publish(payload: InstanceChangedPayload): Promise<void> {
    await this.events.publish({ topic: INSTANCE_CHANGED_TOPIC, eventPayload: payload });
  }
}
