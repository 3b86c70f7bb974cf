export { InstanceLogsContent } from './InstanceLogsContent';
