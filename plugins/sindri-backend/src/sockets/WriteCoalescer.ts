import { Duplex } from 'node:stream';

function uncork(coalescer: WriteCoalescer) {
  coalescer.corked = false;
  coalescer.socket.uncork();
}

/**
 * Call `beforeWrite()` before each write to `socket`: the writes made in the
 * same turn of the event loop (the answers to a lot of frames stored in one
 * commit) then leave in one system call instead of one each. On loopback and
 * in the kernel's TCP path a write costs far more than its bytes, so many
 * small frames to one peer are cheaper corked. One object per socket, no
 * closures: a replica holds one for each of thousands of agents.
 */
export class WriteCoalescer {
  /** @internal */
  corked = false;

  constructor(/** @internal */ readonly socket: Duplex) {}

  beforeWrite() {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    // after every promise settled in this turn has had its turn to write
    process.nextTick(uncork, this);
  }
}
