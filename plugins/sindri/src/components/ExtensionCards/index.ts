export { ExtensionNeighbourhoodCard } from './ExtensionNeighbourhoodCard';
export { InstanceExtensionsCard } from './InstanceExtensionsCard';
