import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { LoggerService } from '@backstage/backend-plugin-api';
import pLimit from 'p-limit';
import {
  CommandResult,
  CommandResultState,
  CommandRun,
  CommandSpec,
  CommandStreamEvent,
} from '@internal/plugin-sindri-common';
import { AgentLinks } from '../live/AgentLinks';
import { CommandDispatch } from './CommandDispatch';
import { CommandStore, ResultRef } from './CommandStore';
import { settleResult } from './settleResult';
import { EventService } from '../events/EventService';

/** A selected instance and whether the user may run commands on it. */
export interface CommandTarget {
  instanceId: string;
  name: string;
  permitted: boolean;
}

interface LiveRun {
  id: string;
  command: CommandSpec;
  timeoutSeconds: number;
  cancelled: boolean;
  events: EventEmitter;
}

/**
 * Runs commands on instances through their agents: a run reaches its
 * instances with bounded concurrency, streams their output to subscribers,
 * keeps the tail of each stream and records exit code, duration and byte
 * counts. Instances whose agent is not connected are `unreachable`.
 */
export class CommandService {
  private readonly runs = new Map<string, LiveRun>();
  private readonly dispatch: CommandDispatch;

  constructor(
    private readonly links: AgentLinks,
    private readonly store: CommandStore,
    private readonly events: EventService,
    private readonly logger: LoggerService,
  ) {
    this.dispatch = new CommandDispatch(links, store, events, logger);
  }

  /** Records the run and starts it; resolves once it is stored, before any instance answers. */
  async start(options: {
    createdBy: string;
    command: CommandSpec;
    target: CommandRun['target'];
    targets: CommandTarget[];
    timeoutSeconds: number;
    concurrency: number;
  }): Promise<CommandRun> {
    const id = crypto.randomUUID();
    const results = options.targets.map(t => ({
      id: crypto.randomUUID(),
      runId: id,
      instanceId: t.instanceId,
      instanceName: t.name,
      state: (t.permitted ? 'queued' : 'denied') as CommandResultState,
      ...(t.permitted
        ? {}
        : { message: 'not permitted: sindri.instance.command' }),
    }));
    await this.store.createRun({
      id,
      createdBy: options.createdBy,
      command: options.command,
      target: options.target,
      timeoutSeconds: options.timeoutSeconds,
      concurrency: options.concurrency,
      results,
    });
    const run: LiveRun = {
      id,
      command: options.command,
      timeoutSeconds: options.timeoutSeconds,
      cancelled: false,
      events: new EventEmitter(),
    };
    run.events.setMaxListeners(0);
    this.runs.set(id, run);
    const limit = pLimit(options.concurrency);
    const one = (ref: ResultRef) =>
      this.runOne(run, ref).catch(async error => {
        this.logger.error(
          `Command ${id} on ${ref.instanceName} failed in the portal: ${error}`,
        );
        await this.settle(
          ref,
          { state: 'failed', message: 'the portal could not run or record it' },
          () => {},
        );
      });
    void Promise.all(
      results.filter(r => r.state === 'queued').map(r => limit(() => one(r))),
    ).finally(() =>
      this.finish(run).catch(error =>
        this.logger.error(`Command run ${id} not finished: ${error}`),
      ),
    );
    return (await this.get(id))!;
  }

  /** The run with the output its running instances have sent so far. */
  async get(id: string): Promise<CommandRun | undefined> {
    const run = await this.store.getRun(id);
    return run && this.withLiveOutput(run);
  }

  /**
   * The run now and, while it is live, every later event: the snapshot and the
   * subscription are taken in one step, so no output falls between them.
   */
  async follow(
    id: string,
    listener: (event: CommandStreamEvent) => void,
  ): Promise<{ run?: CommandRun; live: boolean; unsubscribe: () => void }> {
    const stored = await this.store.getRun(id);
    const live = this.runs.get(id);
    if (!stored) return { run: undefined, live: false, unsubscribe: () => {} };
    if (!live) {
      // it may have ended while it was read: a run leaves `runs` only once its end is stored
      return {
        run: stored.state === 'running' ? await this.store.getRun(id) : stored,
        live: false,
        unsubscribe: () => {},
      };
    }
    live.events.on('event', listener);
    return {
      run: this.withLiveOutput(stored),
      live: true,
      unsubscribe: () => live.events.off('event', listener),
    };
  }

  /** The runs a reader may see, newest first, without their results. */
  history(query: Parameters<CommandStore['listRuns']>[0]) {
    return this.store.listRuns(query);
  }

  /** Cancels what has not finished: running commands are killed, queued ones never start. */
  async cancel(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) return;
    run.cancelled = true;
    this.dispatch.cancel(id);
  }

  private withLiveOutput(run: CommandRun): CommandRun {
    for (const { instanceName, output } of this.dispatch.liveOutput(run.id)) {
      const result = run.results?.find(r => r.instance === instanceName);
      if (result) Object.assign(result, output);
    }
    return run;
  }

  private async runOne(run: LiveRun, ref: ResultRef): Promise<void> {
    const emit = (result: CommandResult) =>
      run.events.emit('event', {
        type: 'result',
        result,
      } satisfies CommandStreamEvent);
    const cancelled = () =>
      this.settle(
        ref,
        { state: 'cancelled', message: 'cancelled before it started' },
        emit,
      );
    if (run.cancelled) {
      await cancelled();
      return;
    }
    const link = await this.links.resolve(ref.instanceId);
    if (!link) {
      await this.settle(
        ref,
        {
          state: 'unreachable',
          message: "the instance's agent is not connected",
        },
        emit,
      );
      return;
    }
    const startedAt = Date.now();
    await this.store.updateResult(ref.id, {
      state: 'running',
      startedAt: new Date(startedAt).toISOString(),
    });
    if (run.cancelled) {
      await cancelled();
      return;
    }
    emit({
      instance: ref.instanceName,
      state: 'running',
      startedAt: new Date(startedAt).toISOString(),
      stdout: '',
      stderr: '',
      stdoutBytes: 0,
      stderrBytes: 0,
    });
    await this.dispatch.run(
      link,
      ref,
      { spec: run.command, timeoutSeconds: run.timeoutSeconds, startedAt },
      emit,
      event => run.events.emit('event', event),
    );
  }

  private settle(
    ref: ResultRef,
    result: Partial<CommandResult> & { state: CommandResultState },
    emit: (r: CommandResult) => void,
  ) {
    return settleResult(
      { store: this.store, logger: this.logger, events: this.events },
      ref,
      result,
      emit,
    );
  }

  private async finish(run: LiveRun) {
    try {
      await this.store.finishRun(run.id, run.cancelled ? 'cancelled' : 'done');
      const stored = await this.store.getRun(run.id);
      if (stored)
        run.events.emit('event', {
          type: 'done',
          run: stored,
        } satisfies CommandStreamEvent);
    } finally {
      this.runs.delete(run.id);
      run.events.removeAllListeners();
    }
  }
}
