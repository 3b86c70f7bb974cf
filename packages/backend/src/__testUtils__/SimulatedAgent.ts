import crypto from 'node:crypto';
import os from 'node:os';
import { AgentFrame, Registration } from '@internal/plugin-sindri-common';
import { AgentConnection, LiveChannel, Outbox } from 'sindri-agent';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * An instance's agent made of the real agent's parts — its connection
 * (reconnects, HTTP fallback, retries), its buffer and its live channel (real
 * shells and commands) — reporting synthetic heartbeats and metrics, so a
 * test can run a hundred of them without a hundred system scans.
 */
export class SimulatedAgent {
  readonly produced = { heartbeat: 0, metrics: 0 };
  readonly outbox = new Outbox(100_000);
  private readonly connection: AgentConnection;
  private readonly live: LiveChannel;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly options: {
      consoleUrl: string;
      token: string;
      name: string;
      heartbeatMs: number;
      metricsMs: number;
    },
  ) {
    const registration: Registration = {
      instanceId: crypto.randomUUID(),
      name: options.name,
      provider: 'local',
      hostname: options.name,
      os: { platform: 'linux', release: os.release(), arch: 'x64' },
      agentVersion: '0.1.0',
      bootTime: new Date(Date.now() - os.uptime() * 1000).toISOString(),
      heartbeatIntervalSeconds: Math.max(
        1,
        Math.round(options.heartbeatMs / 1000),
      ),
      extensions: [],
    };
    this.connection = new AgentConnection({
      consoleUrl: options.consoleUrl,
      token: options.token,
      outbox: this.outbox,
      registration: async () => registration,
      logger: silent,
      maxBackoffMs: 500,
      baseBackoffMs: 50,
      baseRetryMs: 100,
      maxRetryMs: 500,
    });
    this.live = new LiveChannel({
      link: this.connection,
      logger: silent,
      workspace: os.tmpdir(),
      shell: '/bin/sh',
      terminalIdleSeconds: 600,
      token: options.token,
    });
    this.connection.setLiveHandler(this.live);
  }

  start() {
    this.connection.start();
    this.timers.push(
      setInterval(() => this.heartbeat(), this.options.heartbeatMs),
      setInterval(() => this.metrics(), this.options.metricsMs),
    );
  }

  /** Stops sampling and waits until the portal acknowledged everything buffered. */
  async drain(timeoutMs: number): Promise<void> {
    this.timers.forEach(clearInterval);
    const deadline = Date.now() + timeoutMs;
    while (this.outbox.size > 0 && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 50));
  }

  async stop() {
    this.timers.forEach(clearInterval);
    await this.live.stop();
    this.connection.stop();
  }

  private send(frame: AgentFrame) {
    this.outbox.push(frame);
    this.connection.flush();
  }

  private heartbeat() {
    this.produced.heartbeat += 1;
    this.send({
      type: 'heartbeat',
      heartbeat: {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        uptimeSeconds: os.uptime(),
      },
    });
  }

  private metrics() {
    this.produced.metrics += 1;
    this.send({
      type: 'metrics',
      metrics: {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        cpu: { percent: 10 },
        load: { one: 0.1, five: 0.1, fifteen: 0.1 },
        memory: {
          totalBytes: 8e9,
          usedBytes: 2e9,
          availableBytes: 6e9,
          cachedBytes: 1e9,
        },
        swap: { totalBytes: 0, usedBytes: 0 },
        disks: [],
        network: { rxBytes: 0, txBytes: 0 },
      },
    });
  }
}
