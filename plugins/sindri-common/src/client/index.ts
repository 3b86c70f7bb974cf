export * from './contract';
export { readNdjson } from './readNdjson';
export { HttpTransport, type SindriHttpClientOptions } from './HttpTransport';
export { SindriAlertsClient, type AlertListQuery } from './SindriAlertsClient';
export {
  SindriLogsClient,
  type LogSearchQuery,
  type LogTailQuery,
} from './SindriLogsClient';
export { SindriExtensionsClient } from './SindriExtensionsClient';
export { SindriConfigClient } from './SindriConfigClient';
export { SindriCostClient } from './SindriCostClient';
export { SindriBudgetsClient } from './SindriBudgetsClient';
export { SindriSecurityClient } from './SindriSecurityClient';
export { retryDelayMs } from './retryPolicy';
export { errorFromResponse, SindriRequestError } from './SindriRequestError';
export {
  DEFAULT_FOLLOW_TIMEOUT_MS,
  SindriHttpClient,
  type EventListQuery,
} from './SindriHttpClient';
