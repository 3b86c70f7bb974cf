export { InstanceConfigContent } from './InstanceConfigContent';
