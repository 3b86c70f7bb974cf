import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { LoggerService } from '@backstage/backend-plugin-api';
import pLimit from 'p-limit';
import {
  AgentLiveFrame,
  CommandResult,
  CommandResultState,
  CommandRun,
  CommandSpec,
  CommandStreamEvent,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks, LiveListener } from '../live/AgentLinks';
import { CommandStore, ResultRef } from './CommandStore';

/** A selected instance and whether the user may run commands on it. */
export interface CommandTarget {
  instanceId: string;
  name: string;
  permitted: boolean;
}

interface ActiveResult extends ResultRef {
  /** the agent said it started the command (cmd-started) */
  started: boolean;
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  stderrBytes: number;
  startedAt: number;
  watchdog: NodeJS.Timeout;
  /** settles the result; resolves to whether its end was stored */
  done: (
    result: Omit<
      CommandResult,
      | 'instance'
      | 'stdout'
      | 'stderr'
      | 'stdoutBytes'
      | 'stderrBytes'
      | 'startedAt'
    > &
      Partial<CommandResult>,
  ) => Promise<boolean>;
}

interface LiveRun {
  id: string;
  command: CommandSpec;
  timeoutSeconds: number;
  cancelled: boolean;
  events: EventEmitter;
}

/** Keeps the end of a stream's text. */
const tail = (text: string) =>
  text.length > LIVE_LIMITS.commandOutputTailBytes
    ? text.slice(-LIVE_LIMITS.commandOutputTailBytes)
    : text;

/** The final state an agent's cmd-exit means. */
function resultState(
  frame: Extract<AgentLiveFrame, { type: 'cmd-exit' }>,
): CommandResultState {
  if (frame.ended === 'exited')
    return frame.exitCode === 0 ? 'succeeded' : 'failed';
  if (frame.ended === 'error') return 'failed';
  return frame.ended;
}

/** How long past its timeout a command may stay unanswered before the portal gives up on it. */
const ANSWER_GRACE_MS = 15_000;

/**
 * Runs commands on instances through their agents: a run reaches its
 * instances with bounded concurrency, streams their output to subscribers,
 * keeps the tail of each stream and records exit code, duration and byte
 * counts. Instances whose agent is not connected are `unreachable`.
 */
export class CommandService implements LiveListener {
  private readonly runs = new Map<string, LiveRun>();
  private readonly active = new Map<string, ActiveResult>();
  /** Commands cancelled while their agent was away, by instance id: told to stop when it is back. */
  private readonly pendingCancels = new Map<string, Set<string>>();

  constructor(
    private readonly links: AgentLinks,
    private readonly store: CommandStore,
    private readonly logger: LoggerService,
  ) {
    links.addListener(this);
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

  private withLiveOutput(run: CommandRun): CommandRun {
    for (const active of this.active.values()) {
      if (active.runId !== run.id) continue;
      const result = run.results?.find(r => r.instance === active.instanceName);
      if (result)
        Object.assign(result, {
          stdout: active.stdout,
          stderr: active.stderr,
          stdoutBytes: active.stdoutBytes,
          stderrBytes: active.stderrBytes,
        });
    }
    return run;
  }

  /** Cancels what has not finished: running commands are killed, queued ones never start. */
  async cancel(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) return;
    run.cancelled = true;
    for (const active of this.active.values()) {
      if (active.runId !== id) continue;
      const link = this.links.get(active.instanceId);
      if (link) {
        link.send({ type: 'cmd-cancel', run: active.id });
        continue;
      }
      const pending =
        this.pendingCancels.get(active.instanceId) ?? new Set<string>();
      this.pendingCancels.set(active.instanceId, pending.add(active.id));
      void active.done({
        state: 'cancelled',
        message:
          'cancelled while the agent was not connected; it is told to stop the command when it is back',
      });
    }
  }

  onFrame(link: AgentLink, frame: AgentLiveFrame): void {
    if (frame.type === 'cmd-exit') {
      void this.exited(link, frame).catch(error =>
        this.logger.error(
          `End of command ${frame.run} on ${link.name} not handled: ${error}`,
        ),
      );
      return;
    }
    if (frame.type !== 'cmd-output' && frame.type !== 'cmd-started') return;
    const active = this.active.get(frame.run);
    if (!active || active.instanceId !== link.instanceId) return;
    if (frame.type === 'cmd-started') {
      active.started = true;
      return;
    }
    if (frame.type === 'cmd-output') {
      const bytes = Buffer.byteLength(frame.data);
      if (frame.stream === 'stdout') {
        active.stdout = tail(active.stdout + frame.data);
        active.stdoutBytes += bytes;
      } else {
        active.stderr = tail(active.stderr + frame.data);
        active.stderrBytes += bytes;
      }
      this.runs.get(active.runId)?.events.emit('event', {
        type: 'output',
        instance: active.instanceName,
        stream: frame.stream,
        data: frame.data,
      });
      return;
    }
  }

  /**
   * cmd-exit: the result is stored, then acknowledged, so an agent whose
   * connection dropped as it reported sends it again instead of the portal
   * calling it a timeout. An end this process no longer follows (the run
   * started elsewhere, or before a restart) is stored if still unfinished.
   */
  private async exited(
    link: AgentLink,
    frame: Extract<AgentLiveFrame, { type: 'cmd-exit' }>,
  ) {
    const result = {
      state: resultState(frame),
      exitCode: frame.exitCode,
      signal: frame.signal,
      durationMs: frame.durationMs,
      ...(frame.message ? { message: frame.message } : {}),
    };
    const active = this.active.get(frame.run);
    let stored: boolean;
    if (active && active.instanceId === link.instanceId) {
      stored = await active.done({
        ...result,
        // the agent counts what the command wrote, including what never reached us
        stdoutBytes: Math.max(frame.stdoutBytes, active.stdoutBytes),
        stderrBytes: Math.max(frame.stderrBytes, active.stderrBytes),
      });
    } else {
      stored = await this.store
        .settleLate(frame.run, link.instanceId, {
          ...result,
          stdoutBytes: frame.stdoutBytes,
          stderrBytes: frame.stderrBytes,
          endedAt: new Date().toISOString(),
        })
        .then(() => true)
        .catch((error: unknown) => {
          this.logger.error(
            `Late end of command ${frame.run} on ${link.name} not stored: ${error}`,
          );
          return false;
        });
    }
    if (stored) link.send({ type: 'cmd-exit-ack', run: frame.run });
  }

  onData(): void {}

  /**
   * Commands the agent confirmed survive a dropped connection: it reports
   * their end when it is back. One it never confirmed may never have arrived:
   * it is unreachable now, and cancelled if it did arrive.
   */
  onDisconnect(link: AgentLink): void {
    for (const active of [...this.active.values()]) {
      if (active.instanceId !== link.instanceId || active.started) continue;
      const pending =
        this.pendingCancels.get(active.instanceId) ?? new Set<string>();
      this.pendingCancels.set(active.instanceId, pending.add(active.id));
      void active.done({
        state: 'unreachable',
        message:
          "the agent's connection was lost before it started the command",
      });
    }
  }

  onRegistered(link: AgentLink): void {
    const pending = this.pendingCancels.get(link.instanceId);
    if (!pending) return;
    this.pendingCancels.delete(link.instanceId);
    // an agent that has already finished the command ignores the cancel
    for (const commandId of pending)
      link.send({ type: 'cmd-cancel', run: commandId });
  }

  private async runOne(run: LiveRun, ref: ResultRef): Promise<void> {
    const emit = (result: CommandResult) =>
      run.events.emit('event', {
        type: 'result',
        result,
      } satisfies CommandStreamEvent);
    if (run.cancelled) {
      await this.settle(
        ref,
        { state: 'cancelled', message: 'cancelled before it started' },
        emit,
      );
      return;
    }
    const link = this.links.get(ref.instanceId);
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
      await this.settle(
        ref,
        { state: 'cancelled', message: 'cancelled before it started' },
        emit,
      );
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

    await new Promise<void>(resolve => {
      const active: ActiveResult = {
        ...ref,
        started: false,
        stdout: '',
        stderr: '',
        stdoutBytes: 0,
        stderrBytes: 0,
        startedAt,
        watchdog: setTimeout(
          () =>
            void active.done({
              state: 'timeout',
              message: `no answer from the agent within ${run.timeoutSeconds} s`,
            }),
          run.timeoutSeconds * 1000 + ANSWER_GRACE_MS,
        ),
        done: async result => {
          // settled already (a second end, e.g. a cmd-exit sent again): it is stored
          if (!this.active.delete(ref.id)) return true;
          clearTimeout(active.watchdog);
          const final: CommandResult = {
            instance: ref.instanceName,
            startedAt: new Date(startedAt).toISOString(),
            endedAt: new Date().toISOString(),
            durationMs: Date.now() - startedAt,
            stdout: active.stdout,
            stderr: active.stderr,
            stdoutBytes: active.stdoutBytes,
            stderrBytes: active.stderrBytes,
            ...result,
          };
          try {
            return await this.settle(ref, final, emit);
          } finally {
            resolve();
          }
        },
      };
      active.watchdog.unref?.();
      this.active.set(ref.id, active);
      link.send({
        type: 'cmd-run',
        run: ref.id,
        command: run.command,
        timeoutSeconds: run.timeoutSeconds,
      });
    });
  }

  /** Stores and announces a result; resolves to whether it was stored. */
  private async settle(
    ref: ResultRef,
    result: Partial<CommandResult> & { state: CommandResultState },
    emit: (r: CommandResult) => void,
  ): Promise<boolean> {
    const final: CommandResult = {
      instance: ref.instanceName,
      stdout: '',
      stderr: '',
      stdoutBytes: 0,
      stderrBytes: 0,
      endedAt: new Date().toISOString(),
      ...result,
    };
    let stored = true;
    try {
      await this.store.updateResult(ref.id, final);
    } catch (error) {
      stored = false;
      this.logger.error(
        `Result of command ${ref.runId} on ${ref.instanceName} not stored: ${error}`,
      );
    }
    emit(final);
    return stored;
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
