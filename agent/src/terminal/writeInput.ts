import fs from 'node:fs';
import type { IPty } from 'node-pty';

/** What node-pty's Unix terminal has beyond IPty: its master fd and its write queue. */
type UnixPty = IPty & {
  fd?: unknown;
  _writable?: boolean;
  _writeStream?: { _writeQueue?: unknown[] };
};

/**
 * Writes keystrokes to the PTY. node-pty queues every write through libuv's
 * thread pool, a hop that the shell's echo of each keystroke waits for; while
 * its queue is empty the bytes go straight to the master fd instead. What the
 * PTY cannot take now (EAGAIN, or a partial write) goes through node-pty's
 * queue, which keeps the order: nothing is written directly while it holds data.
 */
export function writeInput(pty: IPty, bytes: Buffer): void {
  const unix = pty as UnixPty;
  const queue = unix._writeStream?._writeQueue;
  let rest = bytes;
  // once node-pty has closed the PTY its fd number may belong to another file
  if (
    typeof unix.fd === 'number' &&
    unix._writable !== false &&
    Array.isArray(queue) &&
    queue.length === 0
  ) {
    try {
      rest = bytes.subarray(fs.writeSync(unix.fd, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
  if (rest.length > 0) pty.write(rest as unknown as string);
}
