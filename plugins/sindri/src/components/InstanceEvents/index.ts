export { InstanceEventsContent } from './InstanceEventsContent';
