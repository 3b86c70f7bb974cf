import { FleetInstance } from '@internal/plugin-sindri-common';

/**
 * Events-service topic on which the Sindri backend publishes every
 * registration and status change of an instance, with the complete instance.
 *
 * @public
 */
export const INSTANCE_CHANGED_TOPIC = 'sindri.instance.changed';

/** @public */
export interface InstanceChangedPayload {
  /** `removed`: the instance was destroyed and leaves the catalog */
  reason: 'registered' | 'status' | 'removed';
  instance: FleetInstance;
  /** with `registered`: the instance's first registration, so its entity is new */
  first?: boolean;
}
