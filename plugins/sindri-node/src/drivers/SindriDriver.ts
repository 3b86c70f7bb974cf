import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** A line of progress from a driver, as it happens. */
export interface DriverProgress {
  stream: 'stdout' | 'stderr';
  line: string;
}

/** What every driver operation gets: where to work, how long it may take, and how to report. */
export interface DriverRun {
  /** the instance's own working directory, holding its sindri.yaml */
  workDir: string;
  /** cancels the operation (the driver ends what it started) */
  signal?: AbortSignal;
  /** the operation fails after this long */
  timeoutMs?: number;
  onProgress?(progress: DriverProgress): void;
  /** variables the driver's tools get (e.g. a provider's credentials); nothing else of the backend's environment is passed */
  env?: Record<string, string>;
}

/** What a driver knows about an instance's deployment now. */
export interface DriverStatus {
  state: 'running' | 'stopped' | 'absent' | 'unknown';
  detail?: string;
}

/**
 * How the portal creates and runs Sindri environments somewhere: the Sindri
 * CLI for the providers Sindri deploys to, or a local driver for a laptop.
 * Every operation streams progress lines and fails with a clear message.
 */
export interface SindriDriver {
  /** `sindri-cli`, `local`, ... */
  readonly id: string;
  /** How a create form names it, e.g. "This machine (local driver)"; the id when absent. */
  readonly title?: string;
  /** The `deployment.provider` values it deploys to. */
  readonly providers?: readonly string[];
  /**
   * Instances of this driver live in the portal's own process tree (the local
   * driver): the portal starts its running instances again when it starts.
   */
  readonly restartsWithPortal?: boolean;
  /**
   * The driver does not install the sindri.yaml's extensions (the local
   * driver runs only the agent): drift for its instances covers the
   * sindri.yaml alone, and says why.
   */
  readonly installsNoExtensions?: boolean;
  /** What deploying would do, without doing it (a dry run). */
  plan(config: Record<string, unknown>, run: DriverRun): Promise<void>;
  deploy(config: Record<string, unknown>, run: DriverRun): Promise<void>;
  status(
    config: Record<string, unknown>,
    run: DriverRun,
  ): Promise<DriverStatus>;
  stop(config: Record<string, unknown>, run: DriverRun): Promise<void>;
  start(config: Record<string, unknown>, run: DriverRun): Promise<void>;
  redeploy(config: Record<string, unknown>, run: DriverRun): Promise<void>;
  destroy(
    config: Record<string, unknown>,
    run: DriverRun & { volumes?: boolean },
  ): Promise<void>;
}

/** A driver operation that failed: `message` is what to show the person. */
export class SindriDriverError extends Error {
  constructor(
    message: string,
    readonly details: {
      exitCode?: number | null;
      reason?: 'failed' | 'timeout' | 'cancelled' | 'not-found';
    } = {},
  ) {
    super(message);
    this.name = 'SindriDriverError';
  }
}

/**
 * Extension point of the Sindri backend plugin: modules add drivers.
 *
 * @public
 */
export interface SindriDriversExtensionPoint {
  addDriver(driver: SindriDriver): void;
}

/** @public */
export const sindriDriversExtensionPoint =
  createExtensionPoint<SindriDriversExtensionPoint>({
    id: 'sindri.drivers',
  });
