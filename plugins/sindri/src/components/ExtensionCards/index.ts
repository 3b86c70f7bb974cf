export { ExtensionAboutCard } from './ExtensionAboutCard';
export { ExtensionNeighbourhoodCard } from './ExtensionNeighbourhoodCard';
export { InstanceExtensionsCard } from './InstanceExtensionsCard';
