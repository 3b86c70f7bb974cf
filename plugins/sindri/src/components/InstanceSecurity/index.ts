export { InstanceSecurityContent } from './InstanceSecurityContent';
