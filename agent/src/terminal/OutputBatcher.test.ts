import { OutputBatcher } from './OutputBatcher';

const bytes = (n: number, fill = 120) => Buffer.alloc(n, fill);
const nextTurn = () => new Promise(resolve => setImmediate(resolve));

describe('OutputBatcher', () => {
  it('sends a lone small read (an echo) at once, and small reads after it on the next turn of the event loop', async () => {
    const sent: Buffer[] = [];
    const batcher = new OutputBatcher(
      parts => sent.push(Buffer.concat(parts)),
      {
        maxBytes: 64 * 1024,
        maxDelayMs: 1000,
      },
    );
    batcher.push(bytes(1));
    expect(sent.map(b => b.length)).toEqual([1]);
    batcher.push(bytes(2));
    batcher.push(bytes(3));
    expect(sent.map(b => b.length)).toEqual([1]);
    await nextTurn();
    expect(sent.map(b => b.length)).toEqual([1, 5]);
  });

  it('gathers a stream of large reads into one frame, up to its time', async () => {
    const sent: Buffer[] = [];
    const batcher = new OutputBatcher(
      parts => sent.push(Buffer.concat(parts)),
      {
        maxBytes: 64 * 1024,
        // long enough that five turns of a loaded runner's event loop fit in it
        maxDelayMs: 250,
      },
    );
    for (let i = 0; i < 5; i++) {
      batcher.push(bytes(4096, 48 + i));
      await nextTurn();
    }
    expect(sent).toEqual([]);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(sent.map(b => b.length)).toEqual([5 * 4096]);
    // in order
    expect([...new Set(sent[0])]).toEqual([48, 49, 50, 51, 52]);
  });

  it('sends at once what reaches maxBytes, and keeps nothing back', async () => {
    const sent: Buffer[] = [];
    const batcher = new OutputBatcher(
      parts => sent.push(Buffer.concat(parts)),
      {
        maxBytes: 16 * 1024,
        maxDelayMs: 1000,
      },
    );
    for (let i = 0; i < 4; i++) batcher.push(bytes(4096));
    expect(sent.map(b => b.length)).toEqual([16 * 1024]);
    expect(batcher.pendingBytes).toBe(0);
    batcher.push(bytes(2048));
    batcher.clear();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(sent).toHaveLength(1);
  });

  it('never hands over more than maxBytes at once, but a single larger read', () => {
    const handed: number[][] = [];
    const batcher = new OutputBatcher(
      (parts, total) => {
        expect(total).toBe(parts.reduce((n, p) => n + p.length, 0));
        handed.push(parts.map(p => p.length));
      },
      { maxBytes: 10_000, maxDelayMs: 1000 },
    );
    batcher.push(bytes(4096));
    batcher.push(bytes(4096));
    batcher.push(bytes(4096));
    batcher.push(bytes(20_000));
    batcher.flush();
    expect(handed).toEqual([[4096, 4096], [4096], [20_000]]);
  });
});
