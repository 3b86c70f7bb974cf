import { OutputBatcher } from './OutputBatcher';

const bytes = (n: number, fill = 120) => Buffer.alloc(n, fill);
const nextTurn = () => new Promise(resolve => setImmediate(resolve));

describe('OutputBatcher', () => {
  it('sends a small read (an echo) on the next turn of the event loop, without waiting for more', async () => {
    const sent: Buffer[] = [];
    const batcher = new OutputBatcher(b => sent.push(b), {
      maxBytes: 64 * 1024,
      maxDelayMs: 1000,
    });
    batcher.push(bytes(1));
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent.map(b => b.length)).toEqual([1]);
  });

  it('gathers a stream of large reads into one frame, up to its time', async () => {
    const sent: Buffer[] = [];
    const batcher = new OutputBatcher(b => sent.push(b), {
      maxBytes: 64 * 1024,
      maxDelayMs: 20,
    });
    for (let i = 0; i < 5; i++) {
      batcher.push(bytes(4096, 48 + i));
      await nextTurn();
    }
    expect(sent).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 40));
    expect(sent.map(b => b.length)).toEqual([5 * 4096]);
    // in order
    expect([...new Set(sent[0])]).toEqual([48, 49, 50, 51, 52]);
  });

  it('sends at once what reaches maxBytes, and keeps nothing back', async () => {
    const sent: Buffer[] = [];
    const batcher = new OutputBatcher(b => sent.push(b), {
      maxBytes: 16 * 1024,
      maxDelayMs: 1000,
    });
    for (let i = 0; i < 4; i++) batcher.push(bytes(4096));
    expect(sent.map(b => b.length)).toEqual([16 * 1024]);
    expect(batcher.pendingBytes).toBe(0);
    batcher.push(bytes(10));
    batcher.clear();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sent).toHaveLength(1);
  });
});
