import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  INSTANCE_CHANGED_TOPIC,
  InstanceChangedPayload,
} from '@internal/plugin-sindri-node';

/**
 * Publishes instance changes for the catalog module (and anyone else
 * listening). The events service hands an event to this process's
 * subscribers before it posts it to the bus; a bus that cannot take it (the
 * events backend not up yet, or its database away) is logged and does not
 * fail the registration or status change that caused it: the catalog
 * module's periodic full sync brings the entity up to date.
 */
export class InstanceChanges {
  constructor(
    private readonly events: EventsService,
    private readonly logger?: LoggerService,
  ) {}

  async publish(payload: InstanceChangedPayload): Promise<void> {
    try {
      await this.events.publish({
        topic: INSTANCE_CHANGED_TOPIC,
        eventPayload: payload,
      });
    } catch (error) {
      this.logger?.warn(
        `Change of instance ${payload.instance.name} (${payload.reason}) not published to the events bus: ${error}`,
      );
    }
  }
}
