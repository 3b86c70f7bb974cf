import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AgentLiveFrame,
  CommandResult,
  CommandResultState,
  CommandSpec,
  CommandStreamEvent,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';
import { AgentLink, AgentLinks, LiveListener } from '../live/AgentLinks';
import { CommandStore, ResultRef } from './CommandStore';
import { settleResult } from './settleResult';
import { EventService } from '../events/EventService';

type ResultEnd = Omit<
  CommandResult,
  'instance' | 'stdout' | 'stderr' | 'stdoutBytes' | 'stderrBytes' | 'startedAt'
> &
  Partial<CommandResult>;

/** A command an agent runs now, as this process follows it. */
interface ActiveResult extends ResultRef {
  /** the agent said it started the command (cmd-started) */
  started: boolean;
  stdout: string;
  stderr: string;
  stdoutBytes: number;
  stderrBytes: number;
  watchdog: NodeJS.Timeout;
  /** settles the result; resolves to whether its end was stored */
  done: (result: ResultEnd) => Promise<boolean>;
  onOutput(event: CommandStreamEvent): void;
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
 * The agent side of commands: sends a command to its instance's agent,
 * keeps the tail of its output, and settles its result when the agent says
 * it ended (acknowledged once stored), when it times out, or when the agent
 * is lost before it started it. Cancels for absent agents wait for them.
 */
export class CommandDispatch implements LiveListener {
  private readonly active = new Map<string, ActiveResult>();
  /** Commands cancelled while their agent was away, by instance id: told to stop when it is back. */
  private readonly pendingCancels = new Map<string, Set<string>>();

  constructor(
    private readonly links: AgentLinks,
    private readonly store: CommandStore,
    private readonly events: EventService,
    private readonly logger: LoggerService,
  ) {
    links.addListener(this);
  }

  /** Runs one command on its instance's agent; resolves once its result is settled. */
  run(
    link: AgentLink,
    ref: ResultRef,
    command: { spec: CommandSpec; timeoutSeconds: number; startedAt: number },
    emit: (result: CommandResult) => void,
    onOutput: (event: CommandStreamEvent) => void,
  ): Promise<void> {
    return new Promise<void>(resolve => {
      const { startedAt } = command;
      const active: ActiveResult = {
        ...ref,
        started: false,
        stdout: '',
        stderr: '',
        stdoutBytes: 0,
        stderrBytes: 0,
        onOutput,
        watchdog: setTimeout(
          () =>
            void active.done({
              state: 'timeout',
              message: `no answer from the agent within ${command.timeoutSeconds} s`,
            }),
          command.timeoutSeconds * 1000 + ANSWER_GRACE_MS,
        ),
        done: async result => {
          // settled already (a second end, e.g. a cmd-exit sent again): it is stored
          if (!this.active.delete(ref.id)) return true;
          clearTimeout(active.watchdog);
          try {
            return await settleResult(
              { store: this.store, logger: this.logger, events: this.events },
              ref,
              {
                startedAt: new Date(startedAt).toISOString(),
                endedAt: new Date().toISOString(),
                durationMs: Date.now() - startedAt,
                stdout: active.stdout,
                stderr: active.stderr,
                stdoutBytes: active.stdoutBytes,
                stderrBytes: active.stderrBytes,
                ...result,
              },
              emit,
            );
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
        command: command.spec,
        timeoutSeconds: command.timeoutSeconds,
      });
    });
  }

  /** The output so far of each command of a run that is still running. */
  liveOutput(runId: string) {
    return [...this.active.values()]
      .filter(a => a.runId === runId)
      .map(({ instanceName, stdout, stderr, stdoutBytes, stderrBytes }) => ({
        instanceName,
        output: { stdout, stderr, stdoutBytes, stderrBytes },
      }));
  }

  /** Stops a run's running commands; those whose agent is away are cancelled now and stopped when it is back. */
  cancel(runId: string) {
    for (const active of this.active.values()) {
      if (active.runId !== runId) continue;
      const link = this.links.get(active.instanceId);
      if (link) {
        link.send({ type: 'cmd-cancel', run: active.id });
        continue;
      }
      this.cancelWhenBack(active);
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
    const bytes = Buffer.byteLength(frame.data);
    if (frame.stream === 'stdout') {
      active.stdout = tail(active.stdout + frame.data);
      active.stdoutBytes += bytes;
    } else {
      active.stderr = tail(active.stderr + frame.data);
      active.stderrBytes += bytes;
    }
    active.onOutput({
      type: 'output',
      instance: active.instanceName,
      stream: frame.stream,
      data: frame.data,
    });
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
      this.cancelWhenBack(active);
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

  private cancelWhenBack(active: ActiveResult) {
    const pending =
      this.pendingCancels.get(active.instanceId) ?? new Set<string>();
    this.pendingCancels.set(active.instanceId, pending.add(active.id));
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
      // the agent's tails hold what it wrote while the link was down too
      ...(frame.stdoutTail === undefined ? {} : { stdout: frame.stdoutTail }),
      ...(frame.stderrTail === undefined ? {} : { stderr: frame.stderrTail }),
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
}
