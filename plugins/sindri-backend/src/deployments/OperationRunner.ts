import {
  LifecycleOperation,
  OperationStreamEvent,
} from '@internal/plugin-sindri-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DeploymentStore, OPERATION_LOG_LINES } from './DeploymentStore';

type Listener = (event: OperationStreamEvent) => void;

/** Waits between attempts to store an operation's end that the database refused. */
const SETTLE_RETRY_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000, 120_000];

/** How often a follower of an operation this process does not run looks at the store. */
const POLL_MS = 1000;

interface Live {
  operation: LifecycleOperation;
  log: string[];
  listeners: Set<Listener>;
  abort: AbortController;
  ended: Promise<void>;
}

/**
 * Operations in progress: their progress lines, kept in memory and fanned out
 * to stream subscribers until the operation ends and its log is stored.
 */
export class OperationRunner {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly store: DeploymentStore,
    private readonly logger: LoggerService,
    private readonly options: {
      settleRetryMs?: number[];
      pollMs?: number;
    } = {},
  ) {}

  /**
   * Runs `work` as the operation's body in the background. It reports
   * progress through `say`; a throw fails the operation with its message.
   * `signal` is aborted when the portal shuts down. Every text in `redact`
   * (the instance's token) is masked in what is logged, stored and streamed.
   */
  run(
    operation: LifecycleOperation,
    work: (say: (line: string) => void, signal: AbortSignal) => Promise<void>,
    options: {
      onEnd?: (op: LifecycleOperation) => Promise<void> | void;
      redact?: string[];
    } = {},
  ) {
    const { onEnd } = options;
    const mask = (text: string) =>
      (options.redact ?? [])
        .filter(Boolean)
        .reduce((t, secret) => t.split(secret).join('***'), text);
    let settle = () => {};
    const entry: Live = {
      operation,
      log: [],
      listeners: new Set(),
      abort: new AbortController(),
      ended: new Promise<void>(r => (settle = r)),
    };
    this.live.set(operation.id, entry);
    const say = (raw: string) => {
      const line = mask(raw);
      entry.log.push(line);
      if (entry.log.length > OPERATION_LOG_LINES) entry.log.shift();
      entry.listeners.forEach(l => l({ type: 'progress', line }));
    };
    const finish = async (
      state: LifecycleOperation['state'],
      rawMessage?: string,
    ) => {
      const message = rawMessage === undefined ? undefined : mask(rawMessage);
      let done: LifecycleOperation;
      const end = { state, message, log: [...entry.log] };
      try {
        done = await this.store.finishOperation(operation.id, end);
      } catch (error) {
        // followers hear the end now; the store hears it once it can (the settle task fails it past its deadline)
        this.logger.error(
          `Could not store the end of operation ${operation.id}: ${error}; trying again`,
        );
        done = {
          ...entry.operation,
          state,
          message,
          log: entry.log,
          finishedAt: new Date().toISOString(),
        };
        void this.storeEndLater(operation.id, end);
      }
      this.live.delete(operation.id);
      try {
        await onEnd?.(done);
      } catch (error) {
        this.logger.error(`After operation ${operation.id}: ${error}`);
      }
      entry.listeners.forEach(l => l({ type: 'done', operation: done }));
      settle();
    };
    void work(say, entry.abort.signal).then(
      () => finish('succeeded'),
      (error: Error) => {
        const state = entry.abort.signal.aborted ? 'cancelled' : 'failed';
        say(`${state}: ${error.message}`);
        return finish(state, error.message);
      },
    );
  }

  /** Stores an operation's end that the database refused, with growing waits between attempts. */
  private async storeEndLater(
    id: string,
    end: {
      state: LifecycleOperation['state'];
      message?: string;
      log: string[];
    },
  ) {
    for (const wait of this.options.settleRetryMs ?? SETTLE_RETRY_MS) {
      await new Promise(resolve => setTimeout(resolve, wait).unref());
      try {
        await this.store.finishOperation(id, end);
        this.logger.info(`Stored the end of operation ${id} (${end.state})`);
        return;
      } catch (error) {
        this.logger.warn(
          `Still could not store the end of operation ${id}: ${error}`,
        );
      }
    }
    this.logger.error(
      `Gave up storing the end of operation ${id}; the settle task marks it failed past its deadline`,
    );
  }

  /** Stops every running operation (the portal is shutting down): drivers end what they started. */
  async shutdown(graceMs = 10_000): Promise<void> {
    const running = [...this.live.values()];
    running.forEach(entry => entry.abort.abort());
    await Promise.race([
      Promise.all(running.map(e => e.ended)),
      new Promise(r => setTimeout(r, graceMs).unref()),
    ]);
  }

  /** The operation as it stands, with the log so far when it is still running. */
  snapshot(id: string): LifecycleOperation | undefined {
    const entry = this.live.get(id);
    return entry ? { ...entry.operation, log: [...entry.log] } : undefined;
  }

  /**
   * Calls `listener` with the snapshot, then every line and the end. For an
   * operation already over, only the snapshot and end (from the store). One
   * running that this process does not run (another replica's, or one an
   * earlier start left) is watched in the store until it ends, so a follower
   * always hears an end.
   */
  async follow(
    id: string,
    listener: Listener,
  ): Promise<{ unsubscribe(): void } | undefined> {
    const entry = this.live.get(id);
    if (entry) {
      listener({
        type: 'snapshot',
        operation: { ...entry.operation, log: [...entry.log] },
      });
      entry.listeners.add(listener);
      return { unsubscribe: () => entry.listeners.delete(listener) };
    }
    const stored = await this.store.getOperation(id);
    if (!stored) return undefined;
    // it may have started running after our look at `live`
    const late = this.live.get(id);
    if (late) return this.follow(id, listener);
    listener({ type: 'snapshot', operation: stored });
    if (stored.state !== 'running') {
      listener({ type: 'done', operation: stored });
      return { unsubscribe: () => {} };
    }
    return this.pollUntilEnded(id, listener);
  }

  private pollUntilEnded(
    id: string,
    listener: Listener,
  ): { unsubscribe(): void } {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const look = async () => {
      timer = undefined;
      const now = await this.store.getOperation(id).catch(() => undefined);
      if (stopped) return;
      if (now && now.state !== 'running') {
        listener({ type: 'done', operation: now });
        return;
      }
      timer = setTimeout(() => void look(), this.options.pollMs ?? POLL_MS);
      timer.unref?.();
    };
    timer = setTimeout(() => void look(), this.options.pollMs ?? POLL_MS);
    timer.unref?.();
    return {
      unsubscribe: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}
