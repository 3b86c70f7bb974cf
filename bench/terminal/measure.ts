import { percentile } from '../lib/harness';
import { BenchTerminal } from './transports';

/** Resolves when the terminal's output since the call contains `marker`. */
export function waitForOutput(
  t: BenchTerminal,
  marker: string,
  timeoutMs = 120_000,
): { done: Promise<number>; bytes: () => number } {
  let seen = '';
  let bytes = 0;
  let resolve!: (n: number) => void;
  let active = true;
  const done = new Promise<number>((res, rej) => {
    resolve = res;
    setTimeout(
      () =>
        active &&
        rej(
          new Error(
            `${t.name}: "${marker}" did not appear within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    ).unref();
  });
  t.onData(chunk => {
    if (!active) return;
    bytes += chunk.length;
    // the marker ends the stream, with a prompt after it at most: the tail is enough
    seen = (seen + chunk.subarray(-1024).toString('latin1')).slice(-2048);
    if (seen.includes(marker)) {
      active = false;
      resolve(bytes);
    }
  });
  return { done, bytes: () => bytes };
}

/** Waits for the shell to answer at all (a prompt after start-up). */
export async function ready(t: BenchTerminal) {
  const marker = `READY${Date.now()}`;
  const w = waitForOutput(t, `${marker}OK`, 30_000);
  t.write(`echo ${marker}""OK\r`);
  await w.done;
  await new Promise(r => setTimeout(r, 200));
}

/** Times keystrokes on one terminal: one 'x' at a time until its echo is back. */
export class EchoProbe {
  readonly times: number[] = [];
  // count echoed characters, not chunks: a shell may answer one keystroke in several writes
  private echoed = 0;
  private target = 0;
  private waiting?: () => void;
  private active = true;

  constructor(private readonly t: BenchTerminal) {
    t.onData(chunk => {
      if (!this.active) return;
      for (const byte of chunk) if (byte === 0x78) this.echoed++;
      if (this.waiting && this.echoed >= this.target) {
        const w = this.waiting;
        this.waiting = undefined;
        w();
      }
    });
  }

  async keystroke(): Promise<void> {
    this.target = this.echoed + 1;
    const start = process.hrtime.bigint();
    await new Promise<void>(resolve => {
      this.waiting = resolve;
      this.t.write('x');
    });
    this.times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }

  /** Ctrl-U: clears the typed line. */
  async clearLine() {
    this.t.write('\x15');
    await new Promise(r => setTimeout(r, 30));
  }

  /** Stops reading the output (terminals cannot drop listeners). */
  stop() {
    this.active = false;
  }

  summary(): { p50: number; p99: number } {
    const sorted = [...this.times].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  }
}

/**
 * Keystroke echo on several terminals, interleaved (one keystroke on each in
 * turn) so that every transport is measured under the same conditions.
 */
export async function echoRoundTrips(
  terminals: BenchTerminal[],
  count: number,
): Promise<Array<{ p50: number; p99: number }>> {
  return (await typeKeystrokes(terminals, count)).map(p => p.summary());
}

/** The keystrokes of `echoRoundTrips`; returns each terminal's probe with its times. */
export async function typeKeystrokes(
  terminals: BenchTerminal[],
  count: number,
): Promise<EchoProbe[]> {
  const probes = terminals.map(t => new EchoProbe(t));
  for (let i = 0; i < count; i++) {
    for (const probe of probes) await probe.keystroke();
    if (i % 50 === 49) for (const probe of probes) await probe.clearLine();
  }
  for (const probe of probes) await probe.clearLine();
  probes.forEach(p => p.stop());
  return probes;
}

/** Bulk output: the shell writes `megabytes` MB; MB/s from typing the command to the end marker. */
export async function bulkOutput(
  t: BenchTerminal,
  megabytes: number,
): Promise<number> {
  const w = waitForOutput(t, 'BULK_END', 300_000);
  const start = process.hrtime.bigint();
  t.write(
    `head -c ${
      megabytes * 1024 * 1024
    } /dev/zero | tr '\\0' x; echo; echo BULK_""END\r`,
  );
  const bytes = await w.done;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await new Promise(r => setTimeout(r, 200));
  return bytes / 1024 / 1024 / seconds;
}
