import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  TerminalSessionInput,
  TerminalSessionRecord,
} from '@internal/plugin-sindri-common';
import {
  CommandHistoryQuery,
  CommandTargetPreview,
  MetricsRange,
  MetricsSeries,
  SindriApi,
  TerminalSocketRequest,
} from './SindriApi';
import { errorFromResponse, SindriRequestError } from './errors';
import { readNdjson } from './ndjson';
import { UserCookie } from './UserCookie';

const enc = encodeURIComponent;

/** SindriApi over HTTP, with the signed-in user's credentials. */
export class SindriClient implements SindriApi {
  private readonly cookie: UserCookie;

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {
    this.cookie = new UserCookie(deps.fetchApi);
  }

  async listInstances(): Promise<FleetInstance[]> {
    return (await this.get<{ items: FleetInstance[] }>('/instances')).items;
  }

  getInstance(name: string): Promise<FleetInstance> {
    return this.get(`/instances/${enc(name)}`);
  }

  getMetrics(name: string, range: MetricsRange): Promise<MetricsSeries> {
    return this.get(`/instances/${enc(name)}/metrics?range=${range}`);
  }

  async getEvents(name: string, limit = 50): Promise<InstanceEvent[]> {
    return (
      await this.get<{ items: InstanceEvent[] }>(
        `/instances/${enc(name)}/events?limit=${limit}`,
      )
    ).items;
  }

  runCommand(request: CommandRequest): Promise<CommandRun> {
    return this.json('POST', '/commands', request);
  }

  async listCommands(query: CommandHistoryQuery = {}): Promise<CommandRun[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    return (
      await this.json<{ items: CommandRun[] }>(
        'GET',
        `/commands${search ? `?${search}` : ''}`,
      )
    ).items;
  }

  getCommand(id: string): Promise<CommandRun> {
    return this.json('GET', `/commands/${enc(id)}`);
  }

  async *streamCommand(
    id: string,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<CommandStreamEvent> {
    const response = await this.send(
      'GET',
      `/commands/${enc(id)}/stream`,
      undefined,
      options.signal,
    );
    if (!response.body)
      throw new Error('This browser gave no access to the streamed response');
    yield* readNdjson<CommandStreamEvent>(response.body);
  }

  cancelCommand(id: string): Promise<CommandRun> {
    return this.json('POST', `/commands/${enc(id)}/cancel`);
  }

  async previewCommandTargets(
    target: CommandRequest['target'],
  ): Promise<CommandTargetPreview[]> {
    return (
      await this.json<{ items: CommandTargetPreview[] }>(
        'POST',
        '/commands/targets',
        { target },
      )
    ).items;
  }

  getDeploymentOptions(): Promise<DeploymentOptions> {
    return this.json('GET', '/deployments/options');
  }

  validateConfig(
    sindriYaml: string,
  ): Promise<Pick<SindriConfigVerdict, 'valid' | 'issues'>> {
    return this.json('POST', '/config/validate', { sindriYaml });
  }

  async getDeployment(name: string): Promise<InstanceDeployment | undefined> {
    try {
      return await this.json<InstanceDeployment>(
        'GET',
        `/instances/${enc(name)}/deployment`,
      );
    } catch (error) {
      if ((error as SindriRequestError).statusCode === 404) return undefined;
      throw error;
    }
  }

  async listOperations(name: string): Promise<LifecycleOperation[]> {
    return (
      await this.json<{ items: LifecycleOperation[] }>(
        'GET',
        `/instances/${enc(name)}/operations`,
      )
    ).items;
  }

  runLifecycle(
    name: string,
    request: LifecycleRequest,
  ): Promise<OperationStarted> {
    return this.json('POST', `/instances/${enc(name)}/lifecycle`, request);
  }

  async *streamOperation(
    id: string,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<OperationStreamEvent> {
    const response = await this.send(
      'GET',
      `/operations/${enc(id)}/stream`,
      undefined,
      options.signal,
    );
    if (!response.body)
      throw new Error('This browser gave no access to the streamed response');
    yield* readNdjson<OperationStreamEvent>(response.body);
  }

  async listTerminalSessions(name: string): Promise<TerminalSessionRecord[]> {
    return (
      await this.json<{ items: TerminalSessionRecord[] }>(
        'GET',
        `/instances/${enc(name)}/terminal-sessions`,
      )
    ).items;
  }

  getTerminalSessionInput(
    name: string,
    id: string,
  ): Promise<TerminalSessionInput> {
    return this.json(
      'GET',
      `/instances/${enc(name)}/terminal-sessions/${enc(id)}/input`,
    );
  }

  async getTerminalSocketUrl(request: TerminalSocketRequest): Promise<string> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('sindri');
    await this.cookie.ensure(baseUrl);
    const url = new URL(
      `${baseUrl}/instances/${enc(request.instance)}/terminal/${enc(
        request.session,
      )}`,
      window.location.href,
    );
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('cols', String(request.cols));
    url.searchParams.set('rows', String(request.rows));
    return url.toString();
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('sindri');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async json<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('sindri');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      signal,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }
}
