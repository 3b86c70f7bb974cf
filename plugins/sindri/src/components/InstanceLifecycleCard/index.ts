export { InstanceLifecycleCard } from './InstanceLifecycleCard';
