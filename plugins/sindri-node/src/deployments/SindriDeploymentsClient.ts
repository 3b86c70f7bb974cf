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
} from '@internal/plugin-sindri-common';
import { sindriClientFor } from '../client/sindriClientFor';

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

  private as(credentials: BackstageCredentials) {
    return sindriClientFor(this.deps, credentials);
  }
}
