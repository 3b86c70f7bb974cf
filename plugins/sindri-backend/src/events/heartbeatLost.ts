import { InstanceStore } from '../database/InstanceStore';
import { InstanceChanges } from '../ingest/InstanceChanges';
import { EventService } from './EventService';

const WHY = {
  keepalive: 'the agent connection went silent',
  overdue: 'no heartbeat for three intervals',
} as const;

/** An instance was just marked unresponsive: the timeline and the catalog hear it once, from whoever marked it. */
export async function announceHeartbeatLost(
  deps: {
    instances: InstanceStore;
    events: EventService;
    changes: InstanceChanges;
  },
  instanceId: string,
  reason: keyof typeof WHY,
): Promise<void> {
  const instance = await deps.instances.get(instanceId);
  if (!instance) return;
  deps.events.note({
    type: 'heartbeat-lost',
    instance,
    message: WHY[reason],
    data: { reason },
  });
  await deps.changes.publish({ reason: 'status', instance });
}
