export { ExtensionRegistryTable } from './ExtensionRegistryTable';
