import { Duplex } from 'node:stream';
import { WriteCoalescer } from './WriteCoalescer';

/** A socket that records how many chunks each of its writes carried. */
function recordingSocket() {
  const writes: number[] = [];
  const socket = new Duplex({
    read() {},
    write(_chunk, _encoding, done) {
      writes.push(1);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.length);
      done();
    },
  });
  return { socket, writes };
}

const nextTurn = () => new Promise(r => setImmediate(r));

describe('WriteCoalescer', () => {
  it('sends the writes of one turn of the event loop in one go, and those of the next in another', async () => {
    const { socket, writes } = recordingSocket();
    const coalescer = new WriteCoalescer(socket);
    for (const text of ['a', 'b', 'c']) {
      coalescer.beforeWrite();
      socket.write(text);
    }
    await nextTurn();
    expect(writes).toEqual([3]);

    for (const text of ['d', 'e']) {
      coalescer.beforeWrite();
      socket.write(text);
    }
    await nextTurn();
    expect(writes).toEqual([3, 2]);
  });
});
