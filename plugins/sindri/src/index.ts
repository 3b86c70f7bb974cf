/**
 * Sindri fleet frontend plugin, legacy frontend system. Apps on the new
 * frontend system import the default export of `@internal/plugin-sindri/alpha`.
 *
 * @packageDocumentation
 */
export {
  sindriPlugin,
  SindriFleetPage,
  EntitySindriOverviewCard,
  EntitySindriMetricsContent,
} from './plugin';
export { isSindriInstance } from './isSindriInstance';
export { sindriApiRef } from './api/SindriApi';
export type { SindriApi, MetricsRange, MetricsSeries } from './api/SindriApi';
export { SindriClient } from './api/SindriClient';
