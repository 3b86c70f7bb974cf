import { Duplex } from 'node:stream';
import { coalesceWrites } from './coalesceWrites';

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

describe('coalesceWrites', () => {
  it('sends the writes of one turn of the event loop in one go, and those of the next in another', async () => {
    const { socket, writes } = recordingSocket();
    const beforeWrite = coalesceWrites(socket);
    for (const text of ['a', 'b', 'c']) {
      beforeWrite();
      socket.write(text);
    }
    await nextTurn();
    expect(writes).toEqual([3]);

    for (const text of ['d', 'e']) {
      beforeWrite();
      socket.write(text);
    }
    await nextTurn();
    expect(writes).toEqual([3, 2]);
  });
});
