export { EventTimeline } from './EventTimeline';
export type { EventTimelineProps } from './EventTimeline';
