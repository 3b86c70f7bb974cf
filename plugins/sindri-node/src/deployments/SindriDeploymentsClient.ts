import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CreateDeploymentRequest,
  DEFAULT_FOLLOW_TIMEOUT_MS,
  FleetInstance,
  LifecycleOperation,
  LifecycleRequest,
  OperationStarted,
  SindriHttpClient,
} from '@internal/plugin-sindri-common';

/**
 * Creates instances and runs their lifecycle through the Sindri backend
 * plugin, on behalf of a user (e.g. a scaffolder task's initiator), so the
 * backend checks that user's permissions. The shared Sindri client, with the
 * user's token on every request.
 *
 * @public
 */
export class SindriDeploymentsClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  create(
    request: CreateDeploymentRequest,
    credentials: BackstageCredentials,
  ): Promise<OperationStarted> {
    return this.as(credentials).createDeployment(request);
  }

  lifecycle(
    name: string,
    request: LifecycleRequest,
    credentials: BackstageCredentials,
  ): Promise<OperationStarted> {
    return this.as(credentials).runLifecycle(name, request);
  }

  getInstance(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<FleetInstance | undefined> {
    return this.as(credentials).findInstance(name);
  }

  getOperation(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<LifecycleOperation> {
    return this.as(credentials).getOperation(id);
  }

  /**
   * Follows an operation to its end, passing each progress line once;
   * resolves with the finished operation. A stream that ends early is
   * followed again while the operation runs, never past `timeoutMs`.
   */
  follow(
    id: string,
    credentials: BackstageCredentials,
    onLine: (line: string) => void,
    signal?: AbortSignal,
    timeoutMs = DEFAULT_FOLLOW_TIMEOUT_MS,
  ): Promise<LifecycleOperation> {
    return this.as(credentials).followOperation(id, line => onLine(line), {
      signal,
      timeoutMs,
    });
  }

  /** The shared client, sending requests with a token on behalf of `credentials`. */
  private as(credentials: BackstageCredentials): SindriHttpClient {
    const { discovery, auth } = this.deps;
    return new SindriHttpClient({
      baseUrl: () => discovery.getBaseUrl('sindri'),
      fetch: async (url, init) => {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: 'sindri',
        });
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(url, { ...init, headers });
      },
    });
  }
}
