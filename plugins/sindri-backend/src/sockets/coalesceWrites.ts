import { Duplex } from 'node:stream';

/**
 * Returns a function to call before each write to `socket`: the writes made
 * in the same turn of the event loop (the answers to a lot of frames stored
 * in one commit) then leave in one system call instead of one each. On
 * loopback and in the kernel's TCP path a write costs far more than its
 * bytes, so many small frames to one peer are cheaper corked.
 */
export function coalesceWrites(socket: Duplex): () => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    socket.cork();
    // after every promise settled in this turn has had its turn to write
    process.nextTick(uncork);
  };
}
