export * from './contract';
export { readNdjson } from './readNdjson';
export { retryDelayMs } from './retryPolicy';
export { errorFromResponse, SindriRequestError } from './SindriRequestError';
export {
  DEFAULT_FOLLOW_TIMEOUT_MS,
  SindriHttpClient,
  type EventListQuery,
  type SindriHttpClientOptions,
} from './SindriHttpClient';
