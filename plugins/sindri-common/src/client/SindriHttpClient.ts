import type {
  CommandHistoryQuery,
  CommandRequest,
  CommandRun,
  CommandStreamEvent,
  CommandTargetPreview,
  CreateDeploymentRequest,
  DeploymentOptions,
  FleetInstance,
  FleetSummary,
  InstanceDeployment,
  EventPage,
  EventSeverity,
  FleetEventType,
  LifecycleOperation,
  LifecycleRequest,
  MetricsRange,
  MetricsSeries,
  OperationStarted,
  OperationStreamEvent,
  SindriConfigVerdict,
  TerminalSessionInput,
  TerminalSessionRecord,
} from '../index';
import {
  HttpTransport,
  search,
  SindriHttpClientOptions,
} from './HttpTransport';
import { SindriAlertsClient } from './SindriAlertsClient';
import { SindriLogsClient } from './SindriLogsClient';
import { SindriConfigClient } from './SindriConfigClient';
import { SindriCostClient } from './SindriCostClient';
import { SindriBudgetsClient } from './SindriBudgetsClient';
import { SindriSecurityClient } from './SindriSecurityClient';
import { SindriExtensionsClient } from './SindriExtensionsClient';
import { retryDelayMs, sleep } from './retryPolicy';
import { SindriRequestError } from './SindriRequestError';

/** How long a caller follows one operation at most, unless it says otherwise: longer than the backend's own deadline for it. */
export const DEFAULT_FOLLOW_TIMEOUT_MS = 60 * 60_000;

const enc = encodeURIComponent;

/** What a page of events is asked for with (the cursor is the last page's `nextCursor`). */
export interface EventListQuery {
  limit?: number;
  before?: string;
  types?: FleetEventType[];
  severities?: EventSeverity[];
  instance?: string;
}

const eventSearch = (query: EventListQuery) => ({
  limit: query.limit,
  before: query.before,
  type: query.types?.join(','),
  severity: query.severities?.join(','),
  instance: query.instance,
});

/**
 * The Sindri API as its OpenAPI spec describes it, for the browser and for
 * backend modules alike: one request path, one NDJSON reader, one retry policy.
 */
export class SindriHttpClient {
  private readonly http: HttpTransport;
  /** Alerts, their rules and channels. */
  readonly alerts: SindriAlertsClient;
  /** Log lines, searched. */
  readonly logs: SindriLogsClient;
  /** The extension registry. */
  readonly extensions: SindriExtensionsClient;
  /** Instances' sindri.yaml versions and drift. */
  readonly config: SindriConfigClient;
  /** What instances cost. */
  readonly cost: SindriCostClient;
  /** Owner groups' monthly budgets. */
  readonly budgets: SindriBudgetsClient;
  /** What instances have installed and expose. */
  readonly security: SindriSecurityClient;

  constructor(options: SindriHttpClientOptions) {
    this.http = new HttpTransport(options);
    this.alerts = new SindriAlertsClient(this.http);
    this.logs = new SindriLogsClient(this.http);
    this.extensions = new SindriExtensionsClient(this.http);
    this.config = new SindriConfigClient(this.http);
    this.cost = new SindriCostClient(this.http);
    this.budgets = new SindriBudgetsClient(this.http);
    this.security = new SindriSecurityClient(this.http);
  }

  async listInstances(): Promise<FleetInstance[]> {
    return (
      await this.http.json<{ items: FleetInstance[] }>('GET', '/instances')
    ).items;
  }

  getInstance(name: string): Promise<FleetInstance> {
    return this.http.json('GET', `/instances/${enc(name)}`);
  }

  /** The instance, or undefined when there is none such (or it is not the caller's to read). */
  async findInstance(name: string): Promise<FleetInstance | undefined> {
    return this.orUndefinedOn404(this.getInstance(name));
  }

  getMetrics(name: string, range: MetricsRange): Promise<MetricsSeries> {
    return this.http.json(
      'GET',
      `/instances/${enc(name)}/metrics${search({ range })}`,
    );
  }

  /** The fleet at a glance: the overview of what the caller may read. */
  getFleetSummary(): Promise<FleetSummary> {
    return this.http.json('GET', '/fleet/summary');
  }

  /** A page of the fleet's events (the instances the caller may read), newest first. */
  listEvents(query: EventListQuery = {}): Promise<EventPage> {
    return this.http.json('GET', `/events${search(eventSearch(query))}`);
  }

  /** A page of one instance's timeline, newest first. */
  getInstanceEvents(
    name: string,
    query: Omit<EventListQuery, 'instance'> = {},
  ): Promise<EventPage> {
    return this.http.json(
      'GET',
      `/instances/${enc(name)}/events${search(eventSearch(query))}`,
    );
  }

  runCommand(request: CommandRequest): Promise<CommandRun> {
    return this.http.json('POST', '/commands', request);
  }

  async listCommands(query: CommandHistoryQuery = {}): Promise<CommandRun[]> {
    return (
      await this.http.json<{ items: CommandRun[] }>(
        'GET',
        `/commands${search(query)}`,
      )
    ).items;
  }

  getCommand(id: string): Promise<CommandRun> {
    return this.http.json('GET', `/commands/${enc(id)}`);
  }

  cancelCommand(id: string): Promise<CommandRun> {
    return this.http.json('POST', `/commands/${enc(id)}/cancel`);
  }

  streamCommand(
    id: string,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<CommandStreamEvent> {
    return this.http.stream(`/commands/${enc(id)}/stream`, options.signal);
  }

  async previewCommandTargets(
    target: CommandRequest['target'],
  ): Promise<CommandTargetPreview[]> {
    return (
      await this.http.json<{ items: CommandTargetPreview[] }>(
        'POST',
        '/commands/targets',
        { target },
      )
    ).items;
  }

  getDeploymentOptions(): Promise<DeploymentOptions> {
    return this.http.json('GET', '/deployments/options');
  }

  validateConfig(
    sindriYaml: string,
  ): Promise<Pick<SindriConfigVerdict, 'valid' | 'issues'>> {
    return this.http.json('POST', '/config/validate', { sindriYaml });
  }

  createDeployment(
    request: CreateDeploymentRequest,
  ): Promise<OperationStarted> {
    return this.http.json('POST', '/deployments', request);
  }

  /** The instance's deployment, or undefined when the portal did not deploy it. */
  getDeployment(name: string): Promise<InstanceDeployment | undefined> {
    return this.orUndefinedOn404(
      this.http.json<InstanceDeployment>(
        'GET',
        `/instances/${enc(name)}/deployment`,
      ),
    );
  }

  async listOperations(name: string): Promise<LifecycleOperation[]> {
    return (
      await this.http.json<{ items: LifecycleOperation[] }>(
        'GET',
        `/instances/${enc(name)}/operations`,
      )
    ).items;
  }

  runLifecycle(
    name: string,
    request: LifecycleRequest,
  ): Promise<OperationStarted> {
    return this.http.json('POST', `/instances/${enc(name)}/lifecycle`, request);
  }

  getOperation(id: string): Promise<LifecycleOperation> {
    return this.http.json('GET', `/operations/${enc(id)}`);
  }

  streamOperation(
    id: string,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<OperationStreamEvent> {
    return this.http.stream(`/operations/${enc(id)}/stream`, options.signal);
  }

  /**
   * Follows an operation to its end, passing each log line once with its
   * index; resolves with the finished operation. A stream that ends early (a
   * proxy's timeout, a restart) is followed again while the operation runs,
   * never past `timeoutMs` (default: an hour): then it fails, saying so.
   */
  async followOperation(
    id: string,
    onLine: (line: string, index: number) => void,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<LifecycleOperation> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_FOLLOW_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([options.signal, deadline])
      : deadline;
    try {
      return await this.followUntilEnd(id, onLine, signal);
    } catch (error) {
      if (deadline.aborted && !options.signal?.aborted)
        throw new Error(
          `stopped following operation ${id} after ${Math.round(
            timeoutMs / 60_000,
          )} minutes; it may still be running: look at the instance's Lifecycle card`,
        );
      throw error;
    }
  }

  async listTerminalSessions(name: string): Promise<TerminalSessionRecord[]> {
    return (
      await this.http.json<{ items: TerminalSessionRecord[] }>(
        'GET',
        `/instances/${enc(name)}/terminal-sessions`,
      )
    ).items;
  }

  getTerminalSessionInput(
    name: string,
    id: string,
  ): Promise<TerminalSessionInput> {
    return this.http.json(
      'GET',
      `/instances/${enc(name)}/terminal-sessions/${enc(id)}/input`,
    );
  }

  private async followUntilEnd(
    id: string,
    onLine: (line: string, index: number) => void,
    signal: AbortSignal,
  ): Promise<LifecycleOperation> {
    let seen = 0;
    const lineAt = (index: number, line: string) => {
      if (index < seen) return;
      seen = index + 1;
      onLine(line, index);
    };
    for (let attempt = 0; ; attempt++) {
      let next = 0;
      for await (const event of this.streamOperation(id, { signal })) {
        if (event.type === 'snapshot') {
          // a snapshot holds the log from its start (its newest 500 lines for a very long one)
          event.operation.log.forEach((line, i) => lineAt(i, line));
          next = event.operation.log.length;
        } else if (event.type === 'progress') {
          lineAt(next++, event.line);
        } else {
          return event.operation;
        }
      }
      const now = await this.getOperation(id);
      if (now.state !== 'running') return now;
      if (signal.aborted) throw new Error(`stopped following operation ${id}`);
      await sleep(retryDelayMs(attempt), signal);
    }
  }

  private async orUndefinedOn404<T>(request: Promise<T>) {
    try {
      return await request;
    } catch (error) {
      if ((error as SindriRequestError).statusCode === 404) return undefined;
      throw error;
    }
  }
}
