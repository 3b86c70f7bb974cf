import {
  BackendLiveFrame,
  commandRunIdSchema,
  DataFrame,
  terminalSessionIdSchema,
} from '@internal/plugin-sindri-common';
import { CommandRunner } from '../commands/CommandRunner';
import { LiveHandler, LiveLink } from '../connection/AgentConnection';
import { AgentLogger } from '../log';
import { PtySessions } from '../terminal/PtySessions';
import { childEnv } from './childEnv';
import { SocketFlow } from './SocketFlow';

export interface LiveChannelOptions {
  link: LiveLink;
  logger: AgentLogger;
  /** where shells start and commands run */
  workspace: string;
  /** the login shell of terminals */
  shell: string;
  terminalIdleSeconds: number;
  /** the agent's token: kept out of every shell's and command's environment */
  token: string;
  /** the environment shells and commands start from (the agent's by default) */
  env?: NodeJS.ProcessEnv;
}

/**
 * The agent's side of the live channel: terminals and commands over the
 * agent's connection. Hears the backend's pty-* and cmd-* frames and input
 * data frames; sends pty-*, cmd-* frames and output / replay data frames.
 */
export class LiveChannel implements LiveHandler {
  readonly flow: SocketFlow;
  readonly terminals: PtySessions;
  readonly commands: CommandRunner;

  constructor(private readonly options: LiveChannelOptions) {
    const env = childEnv(options.token, options.env);
    this.flow = new SocketFlow(options.link);
    this.terminals = new PtySessions({
      link: options.link,
      flow: this.flow,
      logger: options.logger,
      shell: options.shell,
      cwd: options.workspace,
      env,
      idleSeconds: options.terminalIdleSeconds,
    });
    this.commands = new CommandRunner({
      link: options.link,
      flow: this.flow,
      logger: options.logger,
      cwd: options.workspace,
      env,
    });
  }

  /** What waits where, for tests and diagnostics. */
  stats(): {
    sessions: number;
    commands: number;
    socketPaused: boolean;
    bufferedAmount: number;
    pendingBytes: number;
    waitingExits: number;
  } {
    return {
      sessions: this.terminals.size,
      commands: this.commands.running,
      socketPaused: this.flow.isPaused,
      bufferedAmount: this.options.link.bufferedAmount,
      pendingBytes: this.terminals.pendingBytes,
      waitingExits: this.commands.waitingExits,
    };
  }

  onConnected(): void {
    this.flow.reset();
    this.commands.connected();
    this.terminals.connected();
  }

  onDisconnected(): void {
    this.flow.reset();
    this.terminals.disconnected();
  }

  onLiveFrame(frame: BackendLiveFrame): void {
    switch (frame.type) {
      case 'pty-open':
        this.terminals.open(frame.session, frame.cols, frame.rows, frame.user);
        return;
      case 'pty-resize':
        this.terminals.resize(frame.session, frame.cols, frame.rows);
        return;
      case 'pty-detach':
        this.terminals.detach(frame.session);
        return;
      case 'pty-close':
        this.terminals.close(frame.session);
        return;
      case 'pty-pause':
        this.terminals.setBackendPaused(frame.session, true);
        return;
      case 'pty-resume':
        this.terminals.setBackendPaused(frame.session, false);
        return;
      case 'cmd-run':
        this.commands.run(frame);
        return;
      case 'cmd-cancel':
        this.commands.cancel(frame.run);
        return;
      case 'cmd-exit-ack':
        this.commands.exitAcked(frame.run);
        return;
      case 'pty-exit-ack':
        this.terminals.exitAcked(frame.session);
        return;
      default:
        this.options.logger.warn(
          `ignored the live frame ${(frame as { type: string }).type}`,
        );
    }
  }

  /** A bad pty-open or cmd-run is answered, so the backend does not wait for an answer that never comes. */
  onInvalidLiveFrame(raw: Record<string, unknown>, message: string): void {
    this.options.logger.warn(
      `ignored an invalid ${String(raw.type)} frame: ${message}`,
    );
    const { link } = this.options;
    const error = `invalid ${String(raw.type)}: ${message}`.slice(0, 1024);
    if (
      raw.type === 'pty-open' &&
      terminalSessionIdSchema.safeParse(raw.session).success
    ) {
      link.sendLive({
        type: 'pty-exit',
        session: raw.session as string,
        reason: 'error',
        exitCode: null,
        message: error,
      });
    } else if (
      raw.type === 'cmd-run' &&
      commandRunIdSchema.safeParse(raw.run).success
    ) {
      link.sendLive({
        type: 'cmd-exit',
        run: raw.run as string,
        exitCode: null,
        signal: null,
        ended: 'error',
        durationMs: 0,
        stdoutBytes: 0,
        stderrBytes: 0,
        message: error,
      });
    }
  }

  onDataFrame(frame: DataFrame): void {
    if (frame.kind === 'input')
      this.terminals.input(frame.session, frame.payload);
    else
      this.options.logger.warn(
        `ignored a ${frame.kind} data frame from the portal`,
      );
  }

  /** Kills every shell and command; resolves when they have ended. */
  async stop(): Promise<void> {
    await Promise.all([this.terminals.stop(), this.commands.stop()]);
  }
}
