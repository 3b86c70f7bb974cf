import { LifecycleOperation, OperationStreamEvent } from '@internal/plugin-sindri-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DeploymentStore, OPERATION_LOG_LINES } from './DeploymentStore';

type Listener = (event: OperationStreamEvent) => void;

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
    options: { onEnd?: (op: LifecycleOperation) => Promise<void> | void; redact?: string[] } = {},
  ) {
    const { onEnd } = options;
    const mask = (text: string) => (options.redact ?? []).filter(Boolean).reduce((t, secret) => t.split(secret).join('***'), text);
    let settle = () => {};
    const entry: Live = { operation, log: [], listeners: new Set(), abort: new AbortController(), ended: new Promise<void>(r => (settle = r)) };
    this.live.set(operation.id, entry);
    const say = (raw: string) => {
      const line = mask(raw);
      entry.log.push(line);
      if (entry.log.length > OPERATION_LOG_LINES) entry.log.shift();
      entry.listeners.forEach(l => l({ type: 'progress', line }));
    };
    const finish = async (state: LifecycleOperation['state'], rawMessage?: string) => {
      const message = rawMessage === undefined ? undefined : mask(rawMessage);
      let done: LifecycleOperation;
      try {
        done = await this.store.finishOperation(operation.id, { state, message, log: entry.log });
      } catch (error) {
        this.logger.error(`Could not store the end of operation ${operation.id}: ${error}`);
        done = { ...entry.operation, state, message, log: entry.log, finishedAt: new Date().toISOString() };
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

  /** Stops every running operation (the portal is shutting down): drivers end what they started. */
  async shutdown(graceMs = 10_000): Promise<void> {
    const running = [...this.live.values()];
    running.forEach(entry => entry.abort.abort());
    await Promise.race([Promise.all(running.map(e => e.ended)), new Promise(r => setTimeout(r, graceMs).unref())]);
  }

  /** The operation as it stands, with the log so far when it is still running. */
  snapshot(id: string): LifecycleOperation | undefined {
    const entry = this.live.get(id);
    return entry ? { ...entry.operation, log: [...entry.log] } : undefined;
  }

  /**
   * Calls `listener` with the snapshot, then every line and the end. For an
   * operation already over, only the snapshot and end (from the store).
   */
  async follow(id: string, listener: Listener): Promise<{ unsubscribe(): void } | undefined> {
    const entry = this.live.get(id);
    if (entry) {
      listener({ type: 'snapshot', operation: { ...entry.operation, log: [...entry.log] } });
      entry.listeners.add(listener);
      return { unsubscribe: () => entry.listeners.delete(listener) };
    }
    const stored = await this.store.getOperation(id);
    if (!stored) return undefined;
    // it may have started running after our look at `live`
    const late = this.live.get(id);
    if (late) return this.follow(id, listener);
    listener({ type: 'snapshot', operation: stored });
    if (stored.state !== 'running') listener({ type: 'done', operation: stored });
    return { unsubscribe: () => {} };
  }
}
