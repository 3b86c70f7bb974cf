import { percentile } from '../lib/harness';
import { BenchTerminal } from './transports';

/** Resolves when the terminal's output since the call contains `marker`. */
export function waitForOutput(t: BenchTerminal, marker: string, timeoutMs = 120_000): { done: Promise<number>; bytes: () => number } {
  let seen = '';
  let bytes = 0;
  let resolve!: (n: number) => void;
  let active = true;
  const done = new Promise<number>((res, rej) => {
    resolve = res;
    setTimeout(() => active && rej(new Error(`${t.name}: "${marker}" did not appear within ${timeoutMs} ms`)), timeoutMs).unref();
  });
  t.onData(chunk => {
    if (!active) return;
    bytes += chunk.length;
    seen = (seen + chunk.toString('latin1')).slice(-4096);
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

/**
 * Keystroke echo: types one character at a time at the prompt and times
 * until its echo comes back; the line is cleared afterwards.
 */
export async function echoRoundTrip(t: BenchTerminal, count: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  // count echoed characters, not chunks: a shell may answer one keystroke in several writes
  let echoed = 0;
  let target = 0;
  let waiting: (() => void) | undefined;
  t.onData(chunk => {
    for (const byte of chunk) if (byte === 0x78) echoed++;
    if (waiting && echoed >= target) {
      const w = waiting;
      waiting = undefined;
      w();
    }
  });
  for (let i = 0; i < count; i++) {
    target = echoed + 1;
    const start = process.hrtime.bigint();
    await new Promise<void>(resolve => {
      waiting = resolve;
      t.write('x');
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (i % 50 === 49) {
      t.write('\x15'); // Ctrl-U: clear the line
      await new Promise(r => setTimeout(r, 50));
    }
  }
  t.write('\x15');
  await new Promise(r => setTimeout(r, 100));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Bulk output: the shell writes `megabytes` MB; MB/s from typing the command to the end marker. */
export async function bulkOutput(t: BenchTerminal, megabytes: number): Promise<number> {
  const w = waitForOutput(t, 'BULK_END', 300_000);
  const start = process.hrtime.bigint();
  t.write(`head -c ${megabytes * 1024 * 1024} /dev/zero | tr '\\0' x; echo; echo BULK_""END\r`);
  const bytes = await w.done;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await new Promise(r => setTimeout(r, 200));
  return bytes / 1024 / 1024 / seconds;
}
