export { InstanceCostContent } from './InstanceCostContent';
