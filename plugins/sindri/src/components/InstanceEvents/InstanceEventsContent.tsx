import { useEntity } from '@backstage/plugin-catalog-react';
import { EventTimeline } from '../EventTimeline';

/** The "Events" tab of an instance: its timeline. */
export const InstanceEventsContent = () => {
  const { entity } = useEntity();
  return <EventTimeline instance={entity.metadata.name} />;
};
