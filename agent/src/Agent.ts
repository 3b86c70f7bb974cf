import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import si from 'systeminformation';
import {
  AgentEvent,
  AgentFrame,
  Registration,
} from '@internal/plugin-sindri-common';
import { AgentConfig } from './config';
import { readExtensionLedger } from './collect/installedExtensions';
import { readSindriConfig } from './collect/sindriConfig';
import {
  collectInventory,
  inventoryParts,
} from './collect/inventory/collectInventory';
import { readHeartbeat, readMetrics } from './collect/system';
import { AgentConnection, ConnectionState } from './connection/AgentConnection';
import { loadInstanceId } from './identity';
import { LiveChannel } from './live/LiveChannel';
import { AgentLogger } from './log';
import { FileTailer } from './logs/FileTailer';
import { JOURNAL_PREFIX, JournalReader } from './logs/JournalReader';
import { LogShipper } from './logs/LogShipper';
import { Outbox } from './outbox';
import { AGENT_VERSION } from './version';

/** How often the tailed log files are read. */
const LOG_POLL_MS = 1000;

/**
 * Registers the instance and reports it: heartbeats and metrics on their
 * intervals, events as they happen, all through one AgentConnection.
 */
export class Agent {
  readonly outbox: Outbox;
  /** Samples made since start, by kind: what the portal should end up with. */
  readonly produced = {
    heartbeat: 0,
    metrics: 0,
    event: 0,
    logs: 0,
    inventory: 0,
  };
  /** the digest of the inventory last sent: it is sent again only when it changes */
  private inventoryHash?: string;
  /** Terminals and commands, over the same connection. */
  readonly live: LiveChannel;
  private readonly connection: AgentConnection;
  private readonly logTailer: FileTailer;
  private readonly journal: JournalReader;
  private lastLogFailure?: string;
  private readonly logShipper: LogShipper;
  private readonly timers: NodeJS.Timeout[] = [];
  /** samples being read: a clean stop waits for them, so none lands after `stopped` */
  private readonly inFlight = new Set<Promise<void>>();
  /** set once stopping: a sample that finishes later is dropped, not counted as produced */
  private closed = false;
  private instanceId?: string;
  private shippingLogs = false;
  private distro?: string;
  /** What the last registration said about sindri.yaml and the installed extensions. */
  /** what the last registration sent said; failed installs by name and time */
  private reported?: ReturnType<typeof reportedState>;

  constructor(
    private readonly config: AgentConfig,
    private readonly logger: AgentLogger,
    onState?: (state: ConnectionState) => void,
  ) {
    this.logShipper = new LogShipper(frame => this.enqueue(frame));
    this.outbox = new Outbox(config.bufferSize, (dropped, frame) => {
      this.logShipper.dropped(frame);
      logger.warn(
        `buffer full (${config.bufferSize}): dropped the oldest sample, ${dropped} dropped so far`,
      );
    });
    const journalUnits = config.logSources
      .filter(s => s.startsWith(JOURNAL_PREFIX))
      .map(s => s.slice(JOURNAL_PREFIX.length));
    this.logTailer = new FileTailer(
      [
        ...config.logSources.filter(s => !s.startsWith(JOURNAL_PREFIX)),
        ...(config.statusLedger ? [config.statusLedger] : []),
      ],
      path.join(config.stateDir, 'log-positions.json'),
    );
    this.journal = new JournalReader(
      journalUnits,
      path.join(config.stateDir, 'journal-cursors.json'),
      { directory: config.journalDirectory },
    );
    this.connection = new AgentConnection({
      consoleUrl: config.consoleUrl,
      token: config.token,
      outbox: this.outbox,
      // what was sent is what later changes are told against, even if it was read after a sample
      registration: async () => {
        const registration = await this.registration();
        // what changed since the last one is still told, as events, before this one goes out
        this.tellChanges(reportedState(registration));
        return registration;
      },
      logger,
      maxBackoffMs: config.maxBackoffSeconds * 1000,
      onState,
    });
    this.live = new LiveChannel({
      link: this.connection,
      logger,
      workspace: config.workspace,
      shell: config.shell,
      terminalIdleSeconds: config.terminalIdleSeconds,
      token: config.token,
    });
    this.connection.setLiveHandler(this.live);
  }

  async start(): Promise<void> {
    this.instanceId = await loadInstanceId(this.config.stateDir);
    this.distro = await si.osInfo().then(
      o => o.distro,
      () => undefined,
    );
    this.connection.start();
    this.event('started', 'sindri-agent started', {
      agentVersion: AGENT_VERSION,
    });
    this.enqueue({ type: 'heartbeat', heartbeat: readHeartbeat() });
    this.track(this.sampleMetrics());
    this.timers.push(
      setInterval(
        () => this.enqueue({ type: 'heartbeat', heartbeat: readHeartbeat() }),
        this.config.heartbeatSeconds * 1000,
      ),
      setInterval(
        () => this.track(this.sampleMetrics()),
        this.config.metricsSeconds * 1000,
      ),
      setInterval(() => this.track(this.shipLogs()), LOG_POLL_MS),
      setInterval(
        () => this.track(this.reportInventory()),
        this.config.inventorySeconds * 1000,
      ),
    );
    this.track(this.reportInventory());
  }

  private track(work: Promise<void>) {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Collects what is installed and sends it, in parts, when it changed since it was last sent. */
  private async reportInventory() {
    try {
      const inventory = await collectInventory({
        sindriCli: this.config.sindriCli,
      });
      if (inventory.hash === this.inventoryHash) return;
      for (const part of inventoryParts(inventory))
        this.enqueue({ type: 'inventory', inventory: part });
      this.inventoryHash = inventory.hash;
    } catch (error) {
      this.logger.warn(`inventory not collected: ${error}`);
    }
  }

  /** Stops at once: kills every terminal and command, closes the connection. */
  stop(): void {
    this.timers.forEach(clearInterval);
    this.closed = true;
    void this.live.stop();
    this.connection.stop();
  }

  /**
   * Stops sampling, reports `stopped`, kills every terminal and command (their
   * ends are still reported), gives the connection up to `timeoutMs` to deliver what is
   * buffered, then stops.
   */
  async flushAndStop(timeoutMs: number): Promise<void> {
    this.timers.forEach(clearInterval);
    const deadline = Date.now() + timeoutMs;
    // a sample being read when the stop came is still sent, before `stopped`
    await raceDeadline(Promise.allSettled([...this.inFlight]), deadline);
    // a clean shutdown says so: the portal tells a stopped instance from a lost one
    this.event('stopped', 'sindri-agent stopped');
    this.closed = true;
    const liveStopped = this.live.stop();
    while (this.outbox.size > 0 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 50));
    }
    await raceDeadline(liveStopped, deadline);
    this.connection.stop();
  }

  event(
    type: AgentEvent['type'],
    message?: string,
    data?: AgentEvent['data'],
  ): void {
    this.enqueue({
      type: 'event',
      event: {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type,
        ...(message ? { message } : {}),
        ...(data ? { data } : {}),
      },
    });
  }

  private enqueue(frame: AgentFrame) {
    if (this.closed) return;
    if (frame.type !== 'register') this.produced[frame.type] += 1;
    this.outbox.push(frame);
    this.connection.flush();
  }

  /** Ships what the tailed log files gained since the last poll. */
  private async shipLogs() {
    if (this.shippingLogs) return;
    this.shippingLogs = true;
    for (const source of [this.logTailer, this.journal]) {
      try {
        this.logShipper.ship(await source.poll());
      } catch (error) {
        // said once while it keeps failing the same way, not every second
        const message = `log tailing failed: ${error}`;
        if (message !== this.lastLogFailure) this.logger.warn(message);
        this.lastLogFailure = message;
      }
    }
    this.shippingLogs = false;
  }

  private async sampleMetrics() {
    try {
      this.enqueue({ type: 'metrics', metrics: await readMetrics() });
    } catch (error) {
      this.logger.warn(`metrics not read: ${(error as Error).message}`);
    }
    await this.reportChanges();
  }

  /**
   * Compares sindri.yaml and the installed extensions with what was last
   * registered; on a change, sends events for it and registers again.
   */
  private async reportChanges() {
    if (this.tellChanges(reportedState(await this.registration())))
      await this.connection.reregister();
  }

  /** Sends an event for each change from what was last reported, and takes `current` as reported; returns whether anything changed. */
  private tellChanges(current: ReturnType<typeof reportedState>): boolean {
    const previous = this.reported;
    this.reported = current;
    if (!previous) return false;
    let changed = false;
    for (const [name, version] of current.extensions) {
      if (
        !previous.extensions.has(name) ||
        previous.extensions.get(name) !== version
      ) {
        this.event(
          'extension-installed',
          `${name}${version ? ` ${version}` : ''} installed`,
          { extension: name, ...(version ? { version } : {}) },
        );
        changed = true;
      }
    }
    for (const name of previous.extensions.keys()) {
      if (!current.extensions.has(name)) {
        this.event('extension-removed', `${name} removed`, { extension: name });
        changed = true;
      }
    }
    for (const [key, failure] of current.failed) {
      if (!previous.failed.has(key)) {
        this.event(
          'extension-failed',
          `${failure.name} failed to install${
            failure.error ? `: ${failure.error}` : ''
          }`,
          {
            extension: failure.name,
            ...(failure.error ? { error: failure.error } : {}),
          },
        );
        changed = true;
      }
    }
    // the ledger appeared or became unreadable: what `extensions` means changed
    if (previous.ledger !== current.ledger) changed = true;
    if (previous.configHash !== current.configHash) {
      this.event(
        'config-changed',
        'sindri.yaml changed',
        current.configHash ? { hash: current.configHash } : undefined,
      );
      changed = true;
    }
    return changed;
  }

  private async registration(): Promise<Registration> {
    const { config } = this;
    const sindriConfig = config.sindriYaml
      ? await readSindriConfig(config.sindriYaml)
      : undefined;
    const ledger = await readExtensionLedger(config.statusLedger);
    return {
      instanceId: this.instanceId!,
      name: config.name,
      provider: config.provider,
      ...(config.region ? { region: config.region } : {}),
      hostname: os.hostname().slice(0, 253),
      os: {
        platform: os.platform(),
        release: os.release(),
        arch: os.arch(),
        ...(this.distro ? { distro: this.distro } : {}),
      },
      agentVersion: AGENT_VERSION,
      bootTime: new Date(Date.now() - os.uptime() * 1000).toISOString(),
      heartbeatIntervalSeconds: Math.max(
        1,
        Math.round(config.heartbeatSeconds),
      ),
      ...(sindriConfig ? { sindriConfig } : {}),
      extensions: ledger.installed,
      ...(ledger.failed.length ? { failedExtensions: ledger.failed } : {}),
      extensionLedger: ledger.status,
      ...(config.sshHost
        ? {
            ssh: {
              host: config.sshHost,
              port: config.sshPort ?? 22,
              ...(config.sshUser ? { user: config.sshUser } : {}),
            },
          }
        : {}),
    };
  }
}

/** Waits for `work`, or until `deadline` (epoch ms), whichever comes first. */
async function raceDeadline(work: Promise<unknown>, deadline: number) {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work,
    new Promise(
      r => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))),
    ),
  ]);
  clearTimeout(timer);
}

/** What a registration says that a later change is told against. */
function reportedState(registration: Registration) {
  return {
    configHash: registration.sindriConfig?.hash,
    ledger: registration.extensionLedger,
    extensions: new Map(registration.extensions.map(e => [e.name, e.version])),
    // failed installs by name and time
    failed: new Map(
      (registration.failedExtensions ?? []).map(f => [
        `${f.name}\n${f.at ?? ''}`,
        f,
      ]),
    ),
  };
}
