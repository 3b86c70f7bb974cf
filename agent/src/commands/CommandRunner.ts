import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  AgentLiveFrame,
  BackendLiveFrame,
  INGEST_LIMITS,
  LIVE_LIMITS,
} from '@internal/plugin-sindri-common';
import { LiveLink } from '../connection/AgentConnection';
import { SocketFlow } from '../live/SocketFlow';
import { AgentLogger } from '../log';

type RunFrame = Extract<BackendLiveFrame, { type: 'cmd-run' }>;
type ExitFrame = Extract<AgentLiveFrame, { type: 'cmd-exit' }>;
type Stream = 'stdout' | 'stderr';

export interface CommandRunnerOptions {
  link: LiveLink;
  flow: SocketFlow;
  logger: AgentLogger;
  /** where commands run */
  cwd: string;
  /** their environment (without the agent's token) */
  env: NodeJS.ProcessEnv;
  /** after SIGTERM (timeout, cancel), how long before SIGKILL */
  killGraceMs?: number;
  /** after the program exited, how long its output pipes may stay open (held by a background child) */
  closeGraceMs?: number;
}

interface Run {
  id: string;
  startedAt: number;
  child?: ChildProcess;
  /** set when the agent ends it early */
  ended?: 'timeout' | 'cancelled';
  message?: string;
  bytes: Record<Stream, number>;
  decoders: Record<Stream, StringDecoder>;
  /** the end of each stream's text, sent with cmd-exit */
  tails: Record<Stream, string>;
  timeout?: NodeJS.Timeout;
  closeTimer?: NodeJS.Timeout;
  scriptDir?: string;
  finished: boolean;
  done: Promise<void>;
  resolveDone: () => void;
}

/** Finished runs whose cmd-exit waits for the portal's ack, at most (the oldest is given up). */
export const MAX_UNSENT_EXITS = 100;

/**
 * A cmd-output frame stays within the portal's frame limit even when its text
 * is mostly control characters (6 bytes each as JSON escapes): longer texts
 * are measured, and split when they would not fit.
 */
const MAX_OUTPUT_JSON_BYTES = INGEST_LIMITS.maxFrameBytes - 1024;
const ALWAYS_FITS_CHARS = Math.floor(MAX_OUTPUT_JSON_BYTES / 6);

/** Keeps the end of a stream's text, as much as the portal stores. */
const keepTail = (text: string) =>
  text.length > LIVE_LIMITS.commandOutputTailBytes
    ? text.slice(-LIVE_LIMITS.commandOutputTailBytes)
    : text;

/** The tails for cmd-exit, shortened (keeping their ends) until the frame fits the portal's limit. */
function tailsThatFit(tails: Record<Stream, string>) {
  let { stdout, stderr } = tails;
  while (
    Buffer.byteLength(JSON.stringify(stdout + stderr)) > MAX_OUTPUT_JSON_BYTES
  ) {
    stdout = stdout.slice(Math.ceil(stdout.length / 2));
    stderr = stderr.slice(Math.ceil(stderr.length / 2));
  }
  return {
    ...(stdout ? { stdoutTail: stdout } : {}),
    ...(stderr ? { stderrTail: stderr } : {}),
  };
}

/**
 * Runs `cmd-run` frames as the agent's user: an argv without a shell, or a
 * script written to a private temp file and executed. Streams output as
 * cmd-output (UTF-8 text), ends with exactly one cmd-exit. Each command gets
 * its own process group, so a timeout or cancel (SIGTERM, SIGKILL after the
 * grace) ends its children too.
 */
export class CommandRunner {
  private readonly runs = new Map<string, Run>();
  /** cmd-exit frames the portal has not acknowledged yet, by run: sent again on every connect */
  private readonly unackedExits = new Map<string, ExitFrame>();

  constructor(private readonly options: CommandRunnerOptions) {
    options.flow.onChange(paused =>
      this.runs.forEach(run => this.setReading(run, !paused)),
    );
  }

  get running(): number {
    return this.runs.size;
  }

  /** cmd-exit frames waiting for the portal's ack. */
  get waitingExits(): number {
    return this.unackedExits.size;
  }

  run(frame: RunFrame): void {
    if (this.runs.has(frame.run)) {
      this.options.logger.warn(
        `command ${frame.run}: already running, the second cmd-run is ignored`,
      );
      return;
    }
    let resolveDone!: () => void;
    const done = new Promise<void>(r => (resolveDone = r));
    const run: Run = {
      id: frame.run,
      startedAt: Date.now(),
      bytes: { stdout: 0, stderr: 0 },
      decoders: {
        stdout: new StringDecoder('utf8'),
        stderr: new StringDecoder('utf8'),
      },
      tails: { stdout: '', stderr: '' },
      finished: false,
      done,
      resolveDone,
    };
    this.runs.set(run.id, run);
    void this.start(run, frame).catch(error =>
      this.finish(
        run,
        null,
        null,
        'error',
        `could not start: ${(error as Error).message}`,
      ),
    );
  }

  /** cmd-cancel: SIGTERM to the command's process group, SIGKILL after the grace. */
  cancel(id: string): void {
    const run = this.runs.get(id);
    if (run) this.terminate(run, 'cancelled', 'cancelled');
  }

  /**
   * A (new) connection: send every cmd-exit the portal has not acknowledged,
   * including one sent just as the last connection dropped.
   */
  connected(): void {
    for (const frame of this.unackedExits.values()) {
      if (!this.options.link.sendLive(frame, this.options.flow.check)) break;
    }
    this.options.flow.check();
  }

  /** cmd-exit-ack: the portal stored the run's end. */
  exitAcked(id: string): void {
    this.unackedExits.delete(id);
  }

  /** Ends every running command; resolves when they have all ended. */
  async stop(): Promise<void> {
    const runs = [...this.runs.values()];
    runs.forEach(run => this.terminate(run, 'cancelled', 'the agent stopped'));
    await Promise.all(runs.map(r => r.done));
  }

  private async start(run: Run, frame: RunFrame) {
    const { cwd, env } = this.options;
    if (!(await fs.promises.stat(cwd).catch(() => undefined))?.isDirectory()) {
      this.finish(
        run,
        null,
        null,
        'error',
        `workspace ${cwd} is not a directory`,
      );
      return;
    }
    let file: string;
    let args: string[];
    let notFound: string;
    if ('argv' in frame.command) {
      [file, ...args] = frame.command.argv;
      notFound = `program not found: ${file}`;
    } else {
      run.scriptDir = await fs.promises.mkdtemp(
        path.join(os.tmpdir(), 'sindri-command-'),
      );
      file = path.join(run.scriptDir, 'script');
      await fs.promises.writeFile(file, frame.command.script, { mode: 0o700 });
      args = [];
      notFound = `interpreter not found: ${frame.command.script
        .slice(2)
        .split('\n')[0]
        .trim()
        .slice(0, 200)}`;
    }
    // cancelled while the script was written
    if (run.ended) {
      this.finish(run, null, null, run.ended, run.message);
      return;
    }

    let child: ChildProcess;
    try {
      // detached: its own process group, which a timeout or cancel kills as a whole
      child = spawn(file, args, {
        cwd,
        env,
        shell: false,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      this.finish(
        run,
        null,
        null,
        'error',
        `could not start ${file}: ${(error as Error).message}`,
      );
      return;
    }
    run.child = child;
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) {
        this.options.logger.warn(`command ${run.id}: ${error.message}`);
        return;
      }
      let message = `could not start ${file}: ${error.message}`;
      if (error.code === 'ENOENT') message = notFound;
      else if (error.code === 'EACCES') message = `permission denied: ${file}`;
      this.finish(run, null, null, 'error', message);
    });
    if (child.pid === undefined) return; // 'error' follows

    this.options.link.sendLive({
      type: 'cmd-started',
      run: run.id,
      pid: child.pid,
    });
    this.options.logger.info(`command ${run.id}: started (pid ${child.pid})`);
    child.stdout!.on('data', (chunk: Buffer) =>
      this.output(run, 'stdout', chunk),
    );
    child.stderr!.on('data', (chunk: Buffer) =>
      this.output(run, 'stderr', chunk),
    );
    this.setReading(run, !this.options.flow.isPaused);
    run.timeout = setTimeout(
      () =>
        this.terminate(
          run,
          'timeout',
          `timed out after ${frame.timeoutSeconds} s`,
        ),
      frame.timeoutSeconds * 1000,
    );
    child.on('exit', () => {
      clearTimeout(run.timeout);
      // a background child may hold the pipes open: after the grace, stop waiting for their end
      // (not while the socket is paused: what is still in the pipes is read once it resumes)
      const closeAfterGrace = () => {
        run.closeTimer = setTimeout(() => {
          if (this.options.flow.isPaused) {
            closeAfterGrace();
            return;
          }
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, this.options.closeGraceMs ?? 2000);
        run.closeTimer.unref();
      };
      closeAfterGrace();
    });
    child.on('close', (code, signal) => {
      clearTimeout(run.closeTimer);
      this.finish(run, code, signal, run.ended ?? 'exited', run.message);
    });
  }

  private output(run: Run, stream: Stream, chunk: Buffer) {
    run.bytes[stream] += chunk.length;
    const { link, flow } = this.options;
    for (let at = 0; at < chunk.length; at += LIVE_LIMITS.maxOutputChunkBytes) {
      const data = run.decoders[stream].write(
        chunk.subarray(at, at + LIVE_LIMITS.maxOutputChunkBytes),
      );
      if (!data) continue;
      run.tails[stream] = keepTail(run.tails[stream] + data);
      // while the link is down the text is not streamed: the tail in cmd-exit holds its end
      if (link.isOpen) this.sendOutput(run, stream, data);
    }
    if (link.isOpen) flow.check();
  }

  private sendOutput(run: Run, stream: Stream, data: string) {
    if (
      data.length > ALWAYS_FITS_CHARS &&
      Buffer.byteLength(JSON.stringify(data)) > MAX_OUTPUT_JSON_BYTES
    ) {
      let half = data.length >> 1;
      const code = data.charCodeAt(half - 1);
      if (code >= 0xd800 && code <= 0xdbff) half -= 1; // keep a surrogate pair together
      this.sendOutput(run, stream, data.slice(0, half));
      this.sendOutput(run, stream, data.slice(half));
      return;
    }
    this.options.link.sendLive(
      { type: 'cmd-output', run: run.id, stream, data },
      this.options.flow.check,
    );
  }

  private setReading(run: Run, reading: boolean) {
    for (const stream of [run.child?.stdout, run.child?.stderr]) {
      if (!stream || stream.destroyed) continue;
      if (reading) stream.resume();
      else stream.pause();
    }
  }

  private terminate(run: Run, ended: 'timeout' | 'cancelled', message: string) {
    if (run.ended || run.finished) return;
    run.ended = ended;
    run.message = message;
    clearTimeout(run.timeout);
    if (!run.child?.pid) return; // not started yet: start() sees `ended`
    const pid = run.child.pid;
    this.options.logger.info(`command ${run.id}: ${message}`);
    killGroup(pid, 'SIGTERM');
    setTimeout(
      () => killGroup(pid, 'SIGKILL'),
      this.options.killGraceMs ?? 3000,
    ).unref();
  }

  private finish(
    run: Run,
    exitCode: number | null,
    signal: NodeJS.Signals | null,
    ended: ExitFrame['ended'],
    message?: string,
  ) {
    if (run.finished) return;
    run.finished = true;
    clearTimeout(run.timeout);
    clearTimeout(run.closeTimer);
    this.runs.delete(run.id);
    const { link, flow } = this.options;
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = run.decoders[stream].end();
      if (!rest) continue;
      run.tails[stream] = keepTail(run.tails[stream] + rest);
      if (link.isOpen) this.sendOutput(run, stream, rest);
    }
    if (run.scriptDir)
      fs.rm(run.scriptDir, { recursive: true, force: true }, () => {});
    const frame: ExitFrame = {
      type: 'cmd-exit',
      run: run.id,
      exitCode,
      signal,
      ended,
      durationMs: Date.now() - run.startedAt,
      stdoutBytes: run.bytes.stdout,
      stderrBytes: run.bytes.stderr,
      ...(message ? { message: message.slice(0, 1024) } : {}),
      ...tailsThatFit(run.tails),
    };
    this.options.logger.info(
      `command ${run.id}: ended (${ended}, exit code ${exitCode}${
        signal ? `, ${signal}` : ''
      })`,
    );
    this.unackedExits.set(run.id, frame);
    if (this.unackedExits.size > MAX_UNSENT_EXITS) {
      const oldest = this.unackedExits.keys().next().value as string;
      this.unackedExits.delete(oldest);
      this.options.logger.warn(
        `command ${oldest}: its end was never acknowledged by the portal; given up (more than ${MAX_UNSENT_EXITS} waiting)`,
      );
    }
    link.sendLive(frame, flow.check);
    run.resolveDone();
  }
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}
