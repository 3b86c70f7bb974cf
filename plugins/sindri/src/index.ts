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
  EntitySindriAlertsCard,
  SindriFleetHealthCard,
  SindriOpenAlertsCard,
  EntitySindriMetricsContent,
  EntitySindriTerminalContent,
  EntitySindriCommandsContent,
  EntitySindriEventsContent,
  EntitySindriLogsContent,
  EntitySindriConfigContent,
  EntitySindriCostContent,
  EntitySindriSecurityContent,
  EntitySindriLifecycleCard,
  EntitySindriExtensionAboutCard,
  EntitySindriExtensionDependenciesCard,
  EntitySindriInstanceExtensionsCard,
  SindriRunCommandPage,
} from './plugin';
export {
  SindriDriverPickerFieldExtension,
  SindriProfilePickerFieldExtension,
  SindriExtensionsPickerFieldExtension,
  SindriRegionPickerFieldExtension,
  SindriYamlEditorFieldExtension,
  SindriBudgetEstimateFieldExtension,
} from './scaffolder/legacyFieldExtensions';
export { isSindriExtension, isSindriInstance } from './entityPredicates';
export { sindriApiRef } from './api/SindriApi';
export type {
  SindriApi,
  MetricsRange,
  MetricsSeries,
  CommandHistoryQuery,
  CommandTargetPreview,
  TerminalSocketRequest,
} from './api/SindriApi';
export { SindriClient } from './api/SindriClient';
