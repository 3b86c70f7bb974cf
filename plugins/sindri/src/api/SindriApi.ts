import { createApiRef } from '@backstage/core-plugin-api';
import {
  CommandRequest,
  CommandRun,
  CommandStreamEvent,
  DeploymentOptions,
  FleetInstance,
  InstanceDeployment,
  LifecycleOperation,
  LifecycleRequest,
  OperationStarted,
  OperationStreamEvent,
  SindriConfigVerdict,
  InstanceEvent,
  MetricsSample,
  TerminalSessionInput,
  TerminalSessionRecord,
} from '@internal/plugin-sindri-common';

export type MetricsRange = '1h' | '24h' | '7d';

export interface MetricsSeries {
  range: MetricsRange;
  resolution: 'raw' | '5m' | '1h';
  from: string;
  to: string;
  items: MetricsSample[];
}

/** Query of the command history: every field narrows it. */
export interface CommandHistoryQuery {
  instance?: string;
  state?: CommandRun['state'];
  createdBy?: string;
  limit?: number;
}

/** An instance a command target selects, and whether the signed-in user may run commands there. */
export interface CommandTargetPreview {
  name: string;
  permitted: boolean;
}

/** Where and at what size a terminal session is opened. */
export interface TerminalSocketRequest {
  instance: string;
  session: string;
  cols: number;
  rows: number;
}

/** The Sindri backend's fleet API, as the frontend uses it. */
export interface SindriApi {
  listInstances(): Promise<FleetInstance[]>;
  getInstance(name: string): Promise<FleetInstance>;
  getMetrics(name: string, range: MetricsRange): Promise<MetricsSeries>;
  getEvents(name: string, limit?: number): Promise<InstanceEvent[]>;

  /** Starts a command run; its results are all queued, denied or unreachable at first. */
  runCommand(request: CommandRequest): Promise<CommandRun>;
  /** Runs, newest first, without their results (`counts` only). */
  listCommands(query?: CommandHistoryQuery): Promise<CommandRun[]>;
  /** One run with its results. */
  getCommand(id: string): Promise<CommandRun>;
  /** The run as it happens: a snapshot, then output and results, then done. */
  streamCommand(
    id: string,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<CommandStreamEvent>;
  cancelCommand(id: string): Promise<CommandRun>;
  /** The instances a target selects, for a preview before running. */
  previewCommandTargets(
    target: CommandRequest['target'],
  ): Promise<CommandTargetPreview[]>;

  /** The terminal sessions of an instance, for the audit (only the caller's own without sindri.instance.audit.read). */
  listTerminalSessions(name: string): Promise<TerminalSessionRecord[]>;
  /** The recorded keystrokes of a session: sensitive, for audit readers only. */
  getTerminalSessionInput(
    name: string,
    id: string,
  ): Promise<TerminalSessionInput>;
  /**
   * The WebSocket URL of a terminal session, once the Backstage user cookie the
   * socket is authenticated with has been issued (or refreshed, near its expiry).
   */
  getTerminalSocketUrl(request: TerminalSocketRequest): Promise<string>;

  /** What a create form offers: drivers, profiles, extensions, region hints. */
  getDeploymentOptions(): Promise<DeploymentOptions>;
  /** Checks sindri.yaml text as `sindri config validate` does. */
  validateConfig(
    sindriYaml: string,
  ): Promise<Pick<SindriConfigVerdict, 'valid' | 'issues'>>;
  /** How the portal deployed an instance; undefined for one enrolled by hand. */
  getDeployment(name: string): Promise<InstanceDeployment | undefined>;
  /** The instance's deploy and lifecycle operations, newest first. */
  listOperations(name: string): Promise<LifecycleOperation[]>;
  runLifecycle(
    name: string,
    request: LifecycleRequest,
  ): Promise<OperationStarted>;
  /** An operation as it happens: a snapshot, progress lines, then done. */
  streamOperation(
    id: string,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<OperationStreamEvent>;
}

export const sindriApiRef = createApiRef<SindriApi>({
  id: 'plugin.sindri.api',
});
