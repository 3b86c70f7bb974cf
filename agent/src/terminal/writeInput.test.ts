import os from 'node:os';
import * as pty from 'node-pty';
import { writeInput } from './writeInput';

describe('writeInput', () => {
  it('writes keystrokes straight to the PTY, and through node-pty\'s queue, in order, while it holds data', async () => {
    // cat echoes every line it reads: what comes back is the input, in order
    const term = pty.spawn('/bin/cat', [], { cols: 200, rows: 10, cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    let output = '';
    term.onData(d => (output += d));
    const unix = term as unknown as { fd: number; _writeStream: { _writeQueue: unknown[] } };
    expect(typeof unix.fd).toBe('number');
    expect(Array.isArray(unix._writeStream._writeQueue)).toBe(true);

    const lines = Array.from({ length: 300 }, (_, i) => `line-${i}\r`);
    // every third write goes through node-pty's own queue, as a refused direct write would
    lines.forEach((line, i) => (i % 3 === 0 ? term.write(line) : writeInput(term, Buffer.from(line))));
    const deadline = Date.now() + 10_000;
    while (!output.includes('line-299') && Date.now() < deadline) await new Promise(r => setTimeout(r, 10));
    term.kill();

    const echoed = [...output.matchAll(/line-(\d+)/g)].map(m => Number(m[1]));
    // the tty echoes each line and cat prints it again: keep the first sighting of each
    const firstSeen = echoed.filter((n, i) => echoed.indexOf(n) === i);
    expect(firstSeen).toEqual(lines.map((_, i) => i));
  });
});
