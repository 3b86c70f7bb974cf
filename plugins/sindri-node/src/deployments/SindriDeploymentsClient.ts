import readline from 'node:readline';
import { Readable } from 'node:stream';
import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateDeploymentRequest,
  FleetInstance,
  LifecycleOperation,
  LifecycleRequest,
  OperationStarted,
  OperationStreamEvent,
} from '@internal/plugin-sindri-common';

/** How long the scaffolder follows one operation at most: longer than the backend's own deadline for it. */
const DEFAULT_FOLLOW_TIMEOUT_MS = 60 * 60_000;

/**
 * Creates instances and runs their lifecycle through the Sindri backend
 * plugin, on behalf of a user (e.g. a scaffolder task's initiator), so the
 * backend checks that user's permissions.
 *
 * @public
 */
export class SindriDeploymentsClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async create(
    request: CreateDeploymentRequest,
    credentials: BackstageCredentials,
  ): Promise<OperationStarted> {
    return this.json('POST', '/deployments', credentials, request);
  }

  async lifecycle(
    name: string,
    request: LifecycleRequest,
    credentials: BackstageCredentials,
  ): Promise<OperationStarted> {
    return this.json(
      'POST',
      `/instances/${encodeURIComponent(name)}/lifecycle`,
      credentials,
      request,
    );
  }

  async getInstance(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<FleetInstance | undefined> {
    try {
      return await this.json(
        'GET',
        `/instances/${encodeURIComponent(name)}`,
        credentials,
      );
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404)
        return undefined;
      throw error;
    }
  }

  async getOperation(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<LifecycleOperation> {
    return this.json(
      'GET',
      `/operations/${encodeURIComponent(id)}`,
      credentials,
    );
  }

  /**
   * Follows an operation to its end, passing each progress line once;
   * resolves with the finished operation. A stream that ends early (a proxy's
   * timeout, a restart) is followed again, as long as the operation runs, but
   * never past `timeoutMs` (default: an hour): then it fails, saying so.
   */
  async follow(
    id: string,
    credentials: BackstageCredentials,
    onLine: (line: string) => void,
    signal?: AbortSignal,
    timeoutMs = DEFAULT_FOLLOW_TIMEOUT_MS,
  ): Promise<LifecycleOperation> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      return await this.followUntil(id, credentials, onLine, stop);
    } catch (error) {
      if (deadline.aborted && !signal?.aborted) {
        throw new Error(
          `stopped following operation ${id} after ${Math.round(
            timeoutMs / 60_000,
          )} minutes; it may still be running: look at the instance's Lifecycle card`,
        );
      }
      throw error;
    }
  }

  private async followUntil(
    id: string,
    credentials: BackstageCredentials,
    onLine: (line: string) => void,
    signal: AbortSignal,
  ): Promise<LifecycleOperation> {
    let seen = 0;
    const lineAt = (index: number, line: string) => {
      if (index >= seen) {
        seen = index + 1;
        onLine(line);
      }
    };
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(
        'GET',
        `/operations/${encodeURIComponent(id)}/stream`,
        credentials,
        undefined,
        signal,
      );
      const lines = readline.createInterface({
        input: Readable.fromWeb(response.body as any),
      });
      let next = 0;
      for await (const text of lines) {
        if (!text.trim()) continue;
        const event = JSON.parse(text) as OperationStreamEvent;
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
      const now = await this.getOperation(id, credentials);
      if (now.state !== 'running') return now;
      if (signal.aborted) throw new Error(`stopped following operation ${id}`);
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(1000 * 2 ** attempt, 10_000)),
      );
    }
  }

  private async json<T>(
    method: string,
    path: string,
    credentials: BackstageCredentials,
    body?: unknown,
  ): Promise<T> {
    const response = await this.fetch(method, path, credentials, body);
    return (await response.json()) as T;
  }

  private async fetch(
    method: string,
    path: string,
    credentials: BackstageCredentials,
    body?: unknown,
    signal?: AbortSignal,
  ) {
    const baseUrl = await this.deps.discovery.getBaseUrl('sindri');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'sindri',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      signal,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      // the backend's message names the field at fault: that is what a template's user needs to see
      const error = await ResponseError.fromResponse(response);
      throw Object.assign(
        new Error(error.body?.error?.message ?? error.message),
        {
          name: error.body?.error?.name ?? error.name,
          statusCode: response.status,
        },
      );
    }
    return response;
  }
}
