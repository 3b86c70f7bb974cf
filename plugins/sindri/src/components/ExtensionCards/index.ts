export { ExtensionAboutCard } from './ExtensionAboutCard';
export { ExtensionDependenciesCard } from './ExtensionDependenciesCard';
export { InstanceExtensionsCard } from './InstanceExtensionsCard';
