// The paced ingest run: every agent reports at the agent's default intervals
// (a heartbeat every 10 s, a metrics sample every 30 s), each at its own phase,
// as a real fleet does; what is measured is how long each frame waits for its
// ack (stored) and whether any never gets one.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import {
  BenchServer,
  connectAgent,
  enroll,
  inBatches,
  percentile,
} from './harness';
import { cpuTicks, stealPercent } from './cpuSteal';
import { cpuSeconds } from './processCpu';
import { heartbeatFrame, metricsFrame } from './frames';

export interface PacedResult {
  samplesPerS: number;
  p50: number;
  p99: number;
  /** frames sent while measuring that were never acked, or were refused */
  lost: number;
  /** of those, frames the backend answered with an error */
  refused: number;
  /** the backend processes' CPU time over the measured period, per cent of one core, all together */
  backendCpuPercent: number;
  /** the same, for each backend */
  backendCpuPercentEach: number[];
  /** the resident set of each backend at the end of the measured period */
  rssMb: number[];
  /** the host's CPU time taken by the hypervisor for other guests over the measured period, per cent */
  stealPercent: number;
}

const HEARTBEAT_MS = 10_000;
const METRICS_MS = 30_000;
/** How long the last frames may take to be acked before they count as lost. */
const DRAIN_MS = 15_000;

/**
 * With several backends, agent i enrols with and connects to backend i mod n,
 * as a round-robin load balancer spreads them. `during` runs while measuring
 * (what else a bench times under this load); the measured period lasts until
 * it has finished too.
 */
export async function runPacedIngest(
  servers: BenchServer[],
  options: {
    agents: number;
    seconds: number;
    warmupSeconds: number;
    during?: () => Promise<void>;
  },
): Promise<PacedResult> {
  const names = Array.from({ length: options.agents }, (_, i) => `paced-${i}`);
  const indexOf = new Map(names.map((name, i) => [name, i]));
  const serverOf = (name: string) =>
    servers[indexOf.get(name)! % servers.length];
  const tokens = new Map<string, string>();
  await inBatches(names, 50, async name => {
    tokens.set(name, await enroll(serverOf(name).url, name));
  });
  const sockets: WebSocket[] = [];
  const sentAt = new Map<string, { at: number; measured: boolean }>();
  const latencies: number[] = [];
  let measuring = false;
  let sentMeasured = 0;
  let ackedMeasured = 0;
  let refused = 0;
  let ackedAll = 0;
  let t0 = 0;
  /** the measured latencies by the 10 s window they were sent in: where a slow spell was */
  const byWindow = new Map<number, number[]>();
  /** the host's counters at the start of each 10 s window: a slow spell may be the hypervisor's */
  const ticksAt: ReturnType<typeof cpuTicks>[] = [];
  /** this process's own event-loop delay: a slow ack may be the measuring side's */
  const ownLoop = monitorEventLoopDelay({ resolution: 10 });

  const timers: NodeJS.Timeout[] = [];
  const send = (ws: WebSocket, frame: object, id: string) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    sentAt.set(id, { at: performance.now(), measured: measuring });
    if (measuring) sentMeasured += 1;
    ws.send(JSON.stringify(frame));
  };
  const every = (ms: number, phase: number, fn: () => void) => {
    // each agent at its own phase within the interval: the fleet spread evenly, the same in every run
    const start = setTimeout(() => {
      fn();
      timers.push(setInterval(fn, ms));
    }, phase * ms);
    timers.push(start);
  };
  const report = (ws: WebSocket, index: number) => {
    const phase = index / options.agents;
    every(HEARTBEAT_MS, phase, () => {
      const frame = heartbeatFrame();
      send(ws, frame, frame.heartbeat.id);
    });
    every(METRICS_MS, phase, () => {
      const frame = metricsFrame();
      send(ws, frame, frame.metrics.id);
    });
  };

  await inBatches(names, 100, async name => {
    const ws = await connectAgent(serverOf(name).url, tokens.get(name)!, name);
    ws.on('message', data => {
      const reply = JSON.parse(data.toString());
      const sent = sentAt.get(reply.id);
      if (!sent) return;
      sentAt.delete(reply.id);
      if (reply.type !== 'ack') {
        if (sent.measured) refused += 1;
        return;
      }
      ackedAll += 1;
      if (!sent.measured) return;
      ackedMeasured += 1;
      const latency = performance.now() - sent.at;
      latencies.push(latency);
      const window = Math.floor((sent.at - t0) / 10_000);
      const inWindow = byWindow.get(window) ?? [];
      inWindow.push(latency);
      byWindow.set(window, inWindow);
    });
    sockets.push(ws);
    // each agent reports from when it is connected, as a fleet coming up does
    report(ws, indexOf.get(name)!);
  });

  process.stderr.write(
    `paced: ${sockets.length} agents connected and registered; ${ackedAll} frames acked so far\n`,
  );
  await new Promise(r => setTimeout(r, options.warmupSeconds * 1000));
  const pids = servers.map(s => s.process.pid!);
  const cpu0 = pids.map(cpuSeconds);
  t0 = performance.now();
  process.stderr.write(`paced: measuring from ${new Date().toISOString()}\n`);
  ownLoop.enable();
  ticksAt.push(cpuTicks());
  const ticking = setInterval(() => ticksAt.push(cpuTicks()), 10_000);
  measuring = true;
  await Promise.all([
    new Promise(r => setTimeout(r, options.seconds * 1000)),
    options.during?.(),
  ]);
  measuring = false;
  clearInterval(ticking);
  const ticksEnd = cpuTicks();
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = pids.map((pid, i) => cpuSeconds(pid) - cpu0[i]);
  const rssMb = servers.map(s => s.rssMb().now);
  timers.forEach(t => clearTimeout(t));
  // the frames sent last get the time to be acked
  const drainEnd = Date.now() + DRAIN_MS;
  while ([...sentAt.values()].some(s => s.measured) && Date.now() < drainEnd)
    await new Promise(r => setTimeout(r, 200));
  sockets.forEach(ws => ws.close());
  ownLoop.disable();

  for (const [window, values] of [...byWindow].sort(([a], [b]) => a - b)) {
    values.sort((a, b) => a - b);
    process.stderr.write(
      `paced: ${window * 10}-${window * 10 + 10} s: n=${
        values.length
      } p99_ms=${percentile(values, 99).toFixed(1)} max_ms=${values[
        values.length - 1
      ].toFixed(1)} host_steal=${stealPercent(
        ticksAt[window] ?? ticksEnd,
        ticksAt[window + 1] ?? ticksEnd,
      ).toFixed(0)}%\n`,
    );
  }
  process.stderr.write(
    `paced: the measuring process's own event-loop delay p99_ms=${(
      ownLoop.percentile(99) / 1e6
    ).toFixed(1)} max_ms=${(ownLoop.max / 1e6).toFixed(1)}\n`,
  );
  latencies.sort((a, b) => a - b);
  return {
    samplesPerS: ackedMeasured / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lost: sentMeasured - ackedMeasured,
    refused,
    backendCpuPercent: (cpu.reduce((a, b) => a + b, 0) / elapsed) * 100,
    backendCpuPercentEach: cpu.map(c => (c / elapsed) * 100),
    rssMb,
    stealPercent: stealPercent(ticksAt[0], ticksEnd),
  };
}
