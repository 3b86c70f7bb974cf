/**
 * Node library for the Sindri plugins: the service references and extension
 * points that the Sindri backend plugin and its modules share.
 *
 * @packageDocumentation
 */

export { SindriConfigError } from './ConfigError';
export {
  sindriRegistryServiceRef,
  createSindriRegistry,
  resolveRegistryPath,
} from './registry/SindriRegistryService';
export type { SindriRegistryService } from './registry/SindriRegistryService';
export { loadRegistry, RegistryFileError } from './registry/loadRegistry';
export { compatibleRanges } from './registry/compatibilityMatrix';
export type { CompatibilityMatrix } from './registry/compatibilityMatrix';
export type { LoadedRegistry } from './registry/loadRegistry';
export { INSTANCE_CHANGED_TOPIC } from './fleet/instanceChanges';
export type { InstanceChangedPayload } from './fleet/instanceChanges';
export { SindriFleetClient } from './fleet/SindriFleetClient';
export { sindriClientFor } from './client/sindriClientFor';
export * from './permissions';
export { loadSindriConfigValidator } from './config/loadSindriConfigValidator';
export { validateFiles } from './config/validateFiles';
export {
  SindriDriverError,
  sindriDriversExtensionPoint,
} from './drivers/SindriDriver';
export type {
  DriverProgress,
  DriverRun,
  DriverStatus,
  SindriDriver,
  SindriDriversExtensionPoint,
} from './drivers/SindriDriver';
export { SindriDeploymentsClient } from './deployments/SindriDeploymentsClient';
export { checkLocalDriverListen } from './drivers/checkLocalDriverListen';
export { sindriCostSourcesExtensionPoint } from './cost/SindriCostSource';
export type {
  BilledDay,
  SindriCostSource,
  SindriCostSourcesExtensionPoint,
} from './cost/SindriCostSource';
