import { createApiRef } from '@backstage/core-plugin-api';
import { SindriHttpClient } from '@internal/plugin-sindri-common';

export type {
  CommandHistoryQuery,
  CommandTargetPreview,
  MetricsRange,
  MetricsSeries,
} from '@internal/plugin-sindri-common';

/** Where and at what size a terminal session is opened. */
export interface TerminalSocketRequest {
  instance: string;
  session: string;
  cols: number;
  rows: number;
}

/** The shared client's API: every operation of the spec the portal uses. */
type SindriHttpApi = { [K in keyof SindriHttpClient]: SindriHttpClient[K] };

/** The Sindri backend's fleet API, as the frontend uses it: the shared client, and terminal sockets. */
export interface SindriApi extends SindriHttpApi {
  /**
   * The WebSocket URL of a terminal session, once the Backstage user cookie the
   * socket is authenticated with has been issued (or refreshed, near its expiry).
   */
  getTerminalSocketUrl(request: TerminalSocketRequest): Promise<string>;
}

export const sindriApiRef = createApiRef<SindriApi>({
  id: 'plugin.sindri.api',
});
