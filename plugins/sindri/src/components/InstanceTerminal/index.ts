export { InstanceTerminalContent } from './InstanceTerminalContent';
