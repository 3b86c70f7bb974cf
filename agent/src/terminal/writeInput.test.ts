import os from 'node:os';
import * as pty from 'node-pty';
import { writeInput } from './writeInput';

describe('writeInput', () => {
  it("writes keystrokes straight to the PTY, and through node-pty's queue, in order, while it holds data", async () => {
    // cat prints every line it reads: what comes back is the input, in the order cat read it.
    // The tty's own echo is off, so it cannot interleave with cat's lines under load.
    const term = pty.spawn(
      '/bin/sh',
      ['-c', 'stty -echo; echo ready; exec cat'],
      {
        cols: 200,
        rows: 10,
        cwd: os.tmpdir(),
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      },
    );
    let output = '';
    term.onData(d => (output += d));
    while (!output.includes('ready')) await new Promise(r => setTimeout(r, 10));
    const unix = term as unknown as {
      fd: number;
      _writeStream: { _writeQueue: unknown[] };
    };
    expect(typeof unix.fd).toBe('number');
    expect(Array.isArray(unix._writeStream._writeQueue)).toBe(true);

    const lines = Array.from({ length: 300 }, (_, i) => `line-${i}\r`);
    // every third write goes through node-pty's own queue, as a refused direct write would
    lines.forEach((line, i) =>
      i % 3 === 0 ? term.write(line) : writeInput(term, Buffer.from(line)),
    );
    const deadline = Date.now() + 10_000;
    while (!output.includes('line-299') && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 10));
    term.kill();

    const seen = [...output.matchAll(/line-(\d+)/g)].map(m => Number(m[1]));
    expect(seen).toEqual(lines.map((_, i) => i));
  });
});
