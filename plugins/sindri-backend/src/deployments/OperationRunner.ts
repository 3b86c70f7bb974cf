import { LifecycleOperation, OperationStreamEvent } from '@internal/plugin-sindri-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DeploymentStore, OPERATION_LOG_LINES } from './DeploymentStore';

type Listener = (event: OperationStreamEvent) => void;

interface Live {
  operation: LifecycleOperation;
  log: string[];
  listeners: Set<Listener>;
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
   */
  run(operation: LifecycleOperation, work: (say: (line: string) => void) => Promise<void>, onEnd?: (op: LifecycleOperation) => Promise<void> | void) {
    const entry: Live = { operation, log: [], listeners: new Set() };
    this.live.set(operation.id, entry);
    const say = (line: string) => {
      entry.log.push(line);
      if (entry.log.length > OPERATION_LOG_LINES) entry.log.shift();
      entry.listeners.forEach(l => l({ type: 'progress', line }));
    };
    const finish = async (state: LifecycleOperation['state'], message?: string) => {
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
    };
    void work(say).then(
      () => finish('succeeded'),
      (error: Error) => {
        say(`failed: ${error.message}`);
        return finish('failed', error.message);
      },
    );
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
