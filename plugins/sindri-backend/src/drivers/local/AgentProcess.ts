import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/** How an agent process is started: argv (never a shell), working dir, environment, log file. */
export interface AgentLaunch {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** holds the running agent's pid, so a later portal can end an agent this one left behind */
  pidFile: string;
}

const MAX_BACKOFF_MS = 30_000;
/** A process that ran this long is healthy again: the next crash restarts at once. */
const STABLE_MS = 60_000;

/**
 * One supervised sindri-agent: started in its own process group, restarted
 * with exponential backoff when it dies on its own, stopped with SIGTERM and
 * then SIGKILL for the whole group.
 */
export class AgentProcess {
  private child?: ChildProcess;
  private wanted = false;
  private restartTimer?: NodeJS.Timeout;
  private backoffMs = 1000;
  private startedAt = 0;
  private exited?: Promise<void>;

  constructor(
    private readonly launch: AgentLaunch,
    private readonly onCrash: (detail: string) => void,
  ) {}

  get running(): boolean {
    return Boolean(
      this.child &&
        this.child.exitCode === null &&
        this.child.signalCode === null,
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.wanted = true;
    if (!this.running) this.spawn();
  }

  /** Ends the agent and its children; resolves when the process is gone. */
  async stop(graceMs = 5000): Promise<void> {
    this.wanted = false;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || !this.running) return;
    this.signal(child, 'SIGTERM');
    const kill = setTimeout(() => this.signal(child, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(kill);
    fs.rmSync(this.launch.pidFile, { force: true });
  }

  private spawn() {
    const [command, ...args] = this.launch.argv;
    let child: ChildProcess;
    try {
      const log = fs.openSync(this.launch.logFile, 'a', 0o600);
      try {
        child = spawn(command, args, {
          cwd: this.launch.cwd,
          env: this.launch.env,
          stdio: ['ignore', log, log],
          detached: true,
        });
      } finally {
        fs.closeSync(log);
      }
      if (child.pid)
        fs.writeFileSync(this.launch.pidFile, String(child.pid), {
          mode: 0o600,
        });
    } catch (error) {
      // e.g. its directory was removed from under it: a failed start, not a crash of the portal
      if (this.wanted)
        this.scheduleRestart(`could not start: ${(error as Error).message}`);
      return;
    }
    this.child = child;
    this.startedAt = Date.now();
    this.exited = new Promise(resolve => {
      child.once('exit', (code, signal) => {
        resolve();
        if (this.child === child && this.wanted)
          this.scheduleRestart(`exited with ${signal ?? `code ${code}`}`);
      });
      child.once('error', error => {
        resolve();
        if (this.child === child && this.wanted)
          this.scheduleRestart(error.message);
      });
    });
  }

  private scheduleRestart(detail: string) {
    if (Date.now() - this.startedAt > STABLE_MS) this.backoffMs = 1000;
    this.onCrash(
      `${detail}; restarting in ${Math.round(this.backoffMs / 1000)} s`,
    );
    this.restartTimer = setTimeout(() => {
      if (this.wanted) this.spawn();
    }, this.backoffMs);
    this.restartTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  private signal(child: ChildProcess, signal: NodeJS.Signals) {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  }
}
