export { InstanceCommandsContent } from './InstanceCommandsContent';
