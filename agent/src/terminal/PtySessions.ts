import fs from 'node:fs';
import path from 'node:path';
import type { IPty } from 'node-pty';
import {
  AgentLiveFrame,
  encodeDataFrame,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';
import { LiveLink } from '../connection/AgentConnection';
import { SocketFlow } from '../live/SocketFlow';
import { AgentLogger } from '../log';
import { loadNodePty } from './loadNodePty';
import { OutputBatcher } from './OutputBatcher';
import { ReplayBuffer } from './ReplayBuffer';
import { writeInput } from './writeInput';

export interface PtySessionsOptions {
  link: LiveLink;
  flow: SocketFlow;
  logger: AgentLogger;
  /** the login shell, started with `-l` */
  shell: string;
  /** where shells start */
  cwd: string;
  /** the shells' environment (without the agent's token); TERM is set here */
  env: NodeJS.ProcessEnv;
  /** a session nobody is attached to ends after this long */
  idleSeconds: number;
  /** after SIGHUP, how long a shell has before SIGKILL */
  killGraceMs?: number;
}

type EndReason = 'idle' | 'closed';

interface Session {
  id: string;
  /** who started it (an entity ref, as the portal says): nobody else is ever attached to it */
  owner: string;
  pty: IPty;
  replay: ReplayBuffer;
  /** someone is attached: output is sent (while connected), not only kept */
  attached: boolean;
  /** the backend asked for a pause (pty-pause) */
  backendPaused: boolean;
  /** the PTY is not being read now */
  readPaused: boolean;
  /** read output on its way to the backend, gathered into frames */
  output: OutputBatcher;
  idleTimer?: NodeJS.Timeout;
  killTimer?: NodeJS.Timeout;
  /** why the agent ended it, if it did */
  endReason?: EndReason;
  endMessage?: string;
}

/** How long a stream of output is gathered into one frame at most. */
const OUTPUT_GATHER_MS = 2;

/** Variables that describe the agent's own terminal, not the new one. */
const TERMINAL_VARIABLES = [
  'TMUX',
  'TMUX_PANE',
  'STY',
  'WINDOW',
  'WINDOWID',
  'TERMCAP',
  'COLUMNS',
  'LINES',
];

/**
 * The instance's terminal sessions: one PTY running the login shell each,
 * kept across detaches and WebSocket drops until it exits, is closed, or
 * nobody was attached for the idle timeout. Every output byte goes into the
 * session's replay buffer; while someone is attached it is also sent as
 * `output` data frames. Reading stops (the shell blocks) while the backend or
 * the agent's own socket asks for a pause.
 */
export class PtySessions {
  private readonly sessions = new Map<string, Session>();
  private readonly exited = new Set<Promise<void>>();
  /** pty-exit frames the portal has not acknowledged, by session: sent again on every connect */
  private readonly unackedExits = new Map<
    string,
    AgentLiveFrame & { type: 'pty-exit' }
  >();

  constructor(private readonly options: PtySessionsOptions) {
    options.flow.onChange(() =>
      this.sessions.forEach(s => this.updateReading(s)),
    );
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Output read but not yet handed to the socket, all sessions. */
  get pendingBytes(): number {
    let total = 0;
    this.sessions.forEach(s => (total += s.output.pendingBytes));
    return total;
  }

  /** What a session looks like now (for tests and diagnostics). */
  describe(
    id: string,
  ):
    | { pid: number; attached: boolean; reading: boolean; replayBytes: number }
    | undefined {
    const s = this.sessions.get(id);
    return (
      s && {
        pid: s.pty.pid,
        attached: s.attached,
        reading: !s.readPaused,
        replayBytes: s.replay.size,
      }
    );
  }

  /**
   * pty-open: attach `user` to the session, starting its shell first if it has
   * none; answers pty-opened and the replay, or pty-denied when the shell
   * belongs to another user.
   */
  open(id: string, cols: number, rows: number, user: string): void {
    let session = this.sessions.get(id);
    let created = false;
    if (session && session.owner !== user) {
      this.options.logger.warn(
        `terminal ${id}: refused ${user}, the shell belongs to ${session.owner}`,
      );
      this.options.link.sendLive({
        type: 'pty-denied',
        session: id,
        message: 'this terminal session belongs to another user',
      });
      return;
    }
    if (session) {
      if (session.pty.cols !== cols || session.pty.rows !== rows)
        this.resize(id, cols, rows);
      // what was read before this attach is in the replay: send it as output first, so the replay is exactly what preceded pty-opened
      session.output.flush();
    } else {
      if (this.sessions.size >= LIVE_LIMITS.maxSessionsPerInstance) {
        this.sendExit(
          id,
          'error',
          null,
          null,
          `too many terminal sessions on this instance (at most ${LIVE_LIMITS.maxSessionsPerInstance})`,
        );
        return;
      }
      try {
        session = this.spawn(id, cols, rows, user);
      } catch (error) {
        this.sendExit(
          id,
          'error',
          null,
          null,
          `could not start ${this.options.shell}: ${
            (error as Error).message
          }`.slice(0, 1024),
        );
        return;
      }
      created = true;
    }
    clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
    session.attached = true;
    const replay = session.replay.snapshot();
    this.options.link.sendLive({
      type: 'pty-opened',
      session: id,
      created,
      pid: session.pty.pid,
      replayBytes: replay.length,
    });
    if (replay.length > 0)
      this.options.link.sendData(
        encodeDataFrame('replay', id, replay, Buffer.allocUnsafe),
        this.options.flow.check,
      );
    this.options.flow.check();
    this.updateReading(session);
  }

  resize(id: string, cols: number, rows: number): void {
    const session = this.sessions.get(id);
    if (!session) return;
    try {
      session.pty.resize(cols, rows);
    } catch (error) {
      this.options.logger.warn(
        `terminal ${id}: resize failed: ${(error as Error).message}`,
      );
    }
  }

  /** pty-detach: nobody is attached any more; the idle timer starts. */
  detach(id: string): void {
    const session = this.sessions.get(id);
    if (session) this.detachSession(session);
  }

  /** pty-close: kill the shell; pty-exit `closed` follows when it has ended. */
  close(id: string): void {
    const session = this.sessions.get(id);
    if (!session) {
      this.sendExit(id, 'closed', null, null, 'no such session', false);
      return;
    }
    this.end(session, 'closed');
  }

  /** pty-pause / pty-resume: the backend's flow control. */
  setBackendPaused(id: string, paused: boolean): void {
    const session = this.sessions.get(id);
    if (!session) return;
    session.backendPaused = paused;
    this.updateReading(session);
  }

  /** Keystrokes, written in arrival order (see writeInput). */
  input(id: string, bytes: Uint8Array): void {
    const session = this.sessions.get(id);
    if (!session) {
      this.options.logger.warn(
        `terminal ${id}: input for a session that does not exist`,
      );
      return;
    }
    try {
      writeInput(
        session.pty,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
    } catch (error) {
      // the shell is exiting (its PTY closed just before node-pty says so): the keystrokes have nowhere to go
      this.options.logger.warn(
        `terminal ${id}: input not written: ${(error as Error).message}`,
      );
    }
  }

  /** A (new) connection: report the shells that ended while the portal did not hear it. */
  connected(): void {
    for (const frame of this.unackedExits.values()) {
      if (!this.options.link.sendLive(frame, this.options.flow.check)) break;
    }
  }

  /** pty-exit-ack: the portal recorded the session's end. */
  exitAcked(id: string): void {
    this.unackedExits.delete(id);
  }

  /** The WebSocket is gone: every session is detached, its shell lives on. */
  disconnected(): void {
    this.sessions.forEach(s => this.detachSession(s));
  }

  /** Kills every shell; resolves when they have all ended (or after the kill grace). */
  async stop(): Promise<void> {
    this.sessions.forEach(s => this.end(s, 'closed', 'the agent stopped'));
    await Promise.all([...this.exited]);
  }

  private spawn(
    id: string,
    cols: number,
    rows: number,
    owner: string,
  ): Session {
    const { shell, cwd } = this.options;
    if (!fs.statSync(cwd, { throwIfNoEntry: false })?.isDirectory())
      throw new Error(`workspace ${cwd} is not a directory`);
    if (path.isAbsolute(shell)) fs.accessSync(shell, fs.constants.X_OK);
    const env: NodeJS.ProcessEnv = {
      ...this.options.env,
      TERM: 'xterm-256color',
    };
    for (const name of TERMINAL_VARIABLES) delete env[name];
    const term = loadNodePty().spawn(shell, ['-l'], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd,
      env: env as Record<string, string>,
      // Buffers, not strings: bytes pass through undecoded
      encoding: null,
    });
    const session: Session = {
      id,
      owner,
      pty: term,
      replay: new ReplayBuffer(LIVE_LIMITS.replayBytes),
      attached: false,
      backendPaused: false,
      readPaused: false,
      output: new OutputBatcher(
        (parts, bytes) => this.send(session, parts, bytes),
        {
          maxBytes: LIVE_LIMITS.maxOutputChunkBytes,
          maxDelayMs: OUTPUT_GATHER_MS,
        },
      ),
    };
    this.sessions.set(id, session);
    term.onData(data =>
      this.onOutput(session, data as unknown as Buffer | string),
    );
    const exited = new Promise<void>(resolve =>
      term.onExit(({ exitCode, signal }) => {
        this.onExit(session, exitCode, signal || null);
        resolve();
      }),
    );
    this.exited.add(exited);
    void exited.then(() => this.exited.delete(exited));
    this.options.logger.info(
      `terminal ${id}: started ${shell} (pid ${term.pid})`,
    );
    return session;
  }

  private onOutput(session: Session, data: Buffer | string) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    session.replay.push(bytes);
    if (!session.attached || !this.options.link.isOpen) return;
    session.output.push(bytes);
  }

  /** Sends output the batcher gathered: one frame, or frames of at most maxOutputChunkBytes from a single larger read. */
  private send(session: Session, parts: Buffer[], bytes: number) {
    if (!session.attached) return;
    const { link, flow } = this.options;
    const max = LIVE_LIMITS.maxOutputChunkBytes;
    const frames =
      bytes <= max
        ? [parts]
        : parts.flatMap(part => {
            const chunks: Buffer[][] = [];
            for (let at = 0; at < part.length; at += max)
              chunks.push([part.subarray(at, at + max)]);
            return chunks;
          });
    for (const frame of frames) {
      const encoded = encodeDataFrame(
        'output',
        session.id,
        frame,
        Buffer.allocUnsafe,
      );
      if (!link.sendData(encoded, flow.check)) break;
    }
    flow.check();
  }

  /** Read only when nobody asks for a pause: the backend for this session, or the socket while someone is attached. */
  private updateReading(session: Session) {
    const pause =
      session.attached && (session.backendPaused || this.options.flow.isPaused);
    if (pause === session.readPaused) return;
    session.readPaused = pause;
    if (pause) session.pty.pause();
    else session.pty.resume();
  }

  private detachSession(session: Session) {
    session.attached = false;
    session.output.clear();
    session.backendPaused = false;
    this.updateReading(session);
    if (session.endReason || session.idleTimer) return;
    session.idleTimer = setTimeout(() => {
      session.idleTimer = undefined;
      if (!session.attached) this.end(session, 'idle');
    }, this.options.idleSeconds * 1000);
    session.idleTimer.unref();
  }

  /** Ends the shell (SIGHUP, then SIGKILL after the grace); pty-exit follows from onExit. */
  private end(session: Session, reason: EndReason, message?: string) {
    clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
    if (session.endReason) return;
    session.endReason = reason;
    session.endMessage = message;
    session.attached = false;
    session.output.clear();
    // a paused PTY would not notice its shell ended
    session.backendPaused = false;
    this.updateReading(session);
    session.pty.kill('SIGHUP');
    session.killTimer = setTimeout(() => {
      try {
        process.kill(session.pty.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, this.options.killGraceMs ?? 3000);
    session.killTimer.unref();
  }

  private onExit(session: Session, exitCode: number, signal: number | null) {
    session.output.flush();
    clearTimeout(session.idleTimer);
    clearTimeout(session.killTimer);
    if (this.sessions.get(session.id) === session)
      this.sessions.delete(session.id);
    const reason = session.endReason ?? 'exited';
    this.options.logger.info(
      `terminal ${session.id}: ended (${reason}, exit code ${exitCode}${
        signal ? `, signal ${signal}` : ''
      })`,
    );
    this.sendExit(session.id, reason, exitCode, signal, session.endMessage);
  }

  /** Reports a session's end; `record`: a shell ran, so it is reported until the portal says it recorded the end. */
  private sendExit(
    session: string,
    reason: Extract<AgentLiveFrame, { type: 'pty-exit' }>['reason'],
    exitCode: number | null,
    signal: number | null,
    message?: string,
    record = reason !== 'error',
  ) {
    const frame = {
      type: 'pty-exit' as const,
      session,
      reason,
      exitCode,
      signal,
      ...(message ? { message } : {}),
    };
    if (record) {
      this.unackedExits.set(session, frame);
      if (this.unackedExits.size > LIVE_LIMITS.maxSessionsPerInstance * 8)
        this.unackedExits.delete(
          this.unackedExits.keys().next().value as string,
        );
    }
    this.options.link.sendLive(frame);
  }
}
