export { InstanceMetricsContent } from './InstanceMetricsContent';
