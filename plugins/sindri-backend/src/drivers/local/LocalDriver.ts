import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { AGENT_ENV } from '@internal/plugin-sindri-common';
import {
  DriverRun,
  DriverStatus,
  SindriDriver,
  SindriDriverError,
} from '@internal/plugin-sindri-node';
import { pickEnvironment } from '../pickEnvironment';
import { AgentProcess } from './AgentProcess';
import {
  endLeftoverAgent,
  layout,
  logSince,
  logTail,
  requireEnrollment,
} from './localFiles';

/** What the agent may see of the portal's environment: never the backend's own secrets. */
const PASSED_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'TERM',
];

/** How long a freshly started agent that has not said it is connected must stay up for the start to count. */
const SETTLE_MS = 3000;

export interface LocalDriverOptions {
  /** argv that starts sindri-agent, e.g. ['node', '/opt/portal/agent/bin/sindri-agent'] */
  agentCommand: string[];
  /** told of agents that died on their own and are being restarted */
  onCrash?(instanceName: string, detail: string): void;
}

/**
 * The embedded default's driver: an "instance" is a work dir on the portal's
 * host (its sindri.yaml and a `workspace/` the terminals open in) plus a
 * supervised `sindri-agent` process enrolled with the instance's own token.
 * Suspend stops the agent, resume starts it, destroy removes both. Extensions
 * are not installed: the instance reports what is really there, which is none.
 */
export class LocalDriver implements SindriDriver {
  readonly id = 'local';
  readonly title = 'This machine (local driver)';
  readonly providers = ['local'] as const;
  readonly installsNoExtensions = true;
  readonly restartsWithPortal = true;
  private readonly agents = new Map<string, AgentProcess>();

  constructor(private readonly options: LocalDriverOptions) {}

  async plan(config: Record<string, unknown>, run: DriverRun) {
    const files = layout(run.workDir);
    this.say(
      run,
      `would create ${files.workspace} and write ${files.sindriYaml}`,
    );
    this.say(
      run,
      `would start ${this.options.agentCommand.join(' ')} as instance ${String(
        config.name,
      )} (provider local)`,
    );
    this.say(run, 'extensions are not installed by the local driver');
  }

  async deploy(config: Record<string, unknown>, run: DriverRun) {
    const env = requireEnrollment(run);
    const files = layout(run.workDir);
    await fs.mkdir(files.workspace, { recursive: true });
    await fs.mkdir(files.agentDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(files.sindriYaml, yaml.stringify(config), {
      mode: 0o600,
    });
    await fs.writeFile(files.enrollment, JSON.stringify(env), { mode: 0o600 });
    this.say(run, `created ${run.workDir}`);
    await this.startAgent(run.workDir, run);
  }

  async redeploy(config: Record<string, unknown>, run: DriverRun) {
    const files = layout(run.workDir);
    await this.requireInstance(files.enrollment);
    await this.stopAgent(run.workDir, run);
    await fs.writeFile(files.sindriYaml, yaml.stringify(config), {
      mode: 0o600,
    });
    // a redeploy brings a fresh token; the old one is revoked
    if (run.env?.[AGENT_ENV.token])
      await fs.writeFile(
        files.enrollment,
        JSON.stringify(requireEnrollment(run)),
        { mode: 0o600 },
      );
    await this.startAgent(run.workDir, run);
  }

  async start(_config: Record<string, unknown>, run: DriverRun) {
    const files = layout(run.workDir);
    await this.requireInstance(files.enrollment);
    // the portal may listen elsewhere since the instance was created
    const consoleUrl = run.env?.[AGENT_ENV.consoleUrl];
    if (consoleUrl) {
      const enrollment = JSON.parse(
        await fs.readFile(files.enrollment, 'utf8'),
      );
      await fs.writeFile(
        files.enrollment,
        JSON.stringify({ ...enrollment, [AGENT_ENV.consoleUrl]: consoleUrl }),
        { mode: 0o600 },
      );
    }
    await this.startAgent(run.workDir, run);
  }

  async stop(_config: Record<string, unknown>, run: DriverRun) {
    await this.stopAgent(run.workDir, run);
  }

  async destroy(
    _config: Record<string, unknown>,
    run: DriverRun & { volumes?: boolean },
  ) {
    await this.stopAgent(run.workDir, run);
    await fs.rm(run.workDir, { recursive: true, force: true });
    this.say(run, `removed ${run.workDir}`);
  }

  async status(
    _config: Record<string, unknown>,
    run: DriverRun,
  ): Promise<DriverStatus> {
    if (this.agents.get(run.workDir)?.running) return { state: 'running' };
    const exists = await fs.stat(layout(run.workDir).enrollment).then(
      () => true,
      () => false,
    );
    return exists ? { state: 'stopped' } : { state: 'absent' };
  }

  /** Stops every agent this driver started (the portal is shutting down); their instances stay. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.agents.values()].map(a => a.stop()));
    this.agents.clear();
  }

  private async startAgent(workDir: string, run: DriverRun) {
    const files = layout(workDir);
    const existing = this.agents.get(workDir);
    if (existing?.running) {
      this.say(run, 'the agent is already running');
      return;
    }
    // one waiting to be restarted after a crash is replaced, not left to respawn beside the new one
    await existing?.stop();
    await endLeftoverAgent(files.pid, files.workspace);
    const enrollment = JSON.parse(
      await fs.readFile(files.enrollment, 'utf8'),
    ) as Record<string, string>;
    const base = pickEnvironment(process.env, PASSED_VARIABLES);
    const agent = new AgentProcess(
      {
        argv: this.options.agentCommand,
        cwd: files.workspace,
        logFile: files.log,
        pidFile: files.pid,
        env: {
          ...base,
          ...enrollment,
          [AGENT_ENV.provider]: 'local',
          [AGENT_ENV.config]: files.sindriYaml,
          [AGENT_ENV.workspace]: files.workspace,
          [AGENT_ENV.stateDir]: files.agentDir,
          [AGENT_ENV.statusLedger]: path.join(
            files.agentDir,
            'status_ledger.jsonl',
          ),
        },
      },
      detail =>
        this.options.onCrash?.(enrollment[AGENT_ENV.instanceName], detail),
    );
    this.agents.set(workDir, agent);
    const logStart = await fs.stat(files.log).then(
      st => st.size,
      () => 0,
    );
    agent.start();
    this.say(run, `started sindri-agent (pid ${agent.pid})`);
    // settled once it says it is connected, or has not died within the settle time
    const deadline = Date.now() + SETTLE_MS;
    while (
      Date.now() < deadline &&
      agent.running &&
      !(await logSince(files.log, logStart)).includes('connected to ')
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    if (!agent.running) {
      await agent.stop();
      this.agents.delete(workDir);
      throw new SindriDriverError(
        `sindri-agent exited right after starting: ${await logTail(files.log)}`,
        { reason: 'failed' },
      );
    }
  }

  private async stopAgent(workDir: string, run: DriverRun) {
    const agent = this.agents.get(workDir);
    this.agents.delete(workDir);
    const files = layout(workDir);
    if (!agent && (await endLeftoverAgent(files.pid, files.workspace))) {
      this.say(
        run,
        'stopped a sindri-agent an earlier start of the portal left running',
      );
    } else if (agent) {
      // also one waiting to be restarted after a crash: its restart is called off
      const wasRunning = agent.running;
      await agent.stop();
      this.say(
        run,
        wasRunning ? 'stopped sindri-agent' : 'the agent was not running',
      );
    } else {
      this.say(run, 'the agent was not running');
    }
  }

  private async requireInstance(enrollmentFile: string) {
    const exists = await fs.stat(enrollmentFile).then(
      () => true,
      () => false,
    );
    if (!exists)
      throw new SindriDriverError(
        `no local instance at ${path.dirname(path.dirname(enrollmentFile))}`,
        { reason: 'not-found' },
      );
  }

  private say(run: DriverRun, line: string) {
    run.onProgress?.({ stream: 'stdout', line });
  }
}
