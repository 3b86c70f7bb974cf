/**
 * Catalog module that turns Sindri extensions (and, with the agent, Sindri
 * instances) into catalog entities.
 *
 * @packageDocumentation
 */
export { catalogModuleSindri as default } from './module';
export { SindriExtensionEntityProvider } from './providers/SindriExtensionEntityProvider';
export {
  extensionToEntity,
  EXTENSION_NAMESPACE,
} from './providers/extensionEntity';
export { SindriInstanceEntityProvider } from './providers/SindriInstanceEntityProvider';
export { instanceToEntity } from './providers/instanceEntity';
