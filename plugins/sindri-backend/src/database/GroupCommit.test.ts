import { GroupCommit } from './GroupCommit';

/** A writer that takes `ms` per lot and records the lots it was given. */
function slowWriter(ms: number) {
  const lots: number[][] = [];
  const write = async (items: number[]) => {
    lots.push(items);
    await new Promise(r => setTimeout(r, ms));
    return items.map(i => i * 10);
  };
  return { lots, write };
}

describe('GroupCommit', () => {
  it('gives each caller its own result once its lot is written', async () => {
    const { lots, write } = slowWriter(1);
    const commits = new GroupCommit(write, { maxBatch: 100, maxDelayMs: 5 });
    await expect(
      Promise.all([commits.add(1), commits.add(2), commits.add(3)]),
    ).resolves.toEqual([10, 20, 30]);
    expect(lots).toEqual([[1, 2, 3]]);
  });

  it('puts what arrives while a lot is being written into one next lot, however long the write takes', async () => {
    const { lots, write } = slowWriter(100);
    const commits = new GroupCommit(write, { maxBatch: 1000, maxDelayMs: 5 });
    const first = commits.add(0);
    await new Promise(r => setTimeout(r, 10));
    // the first lot is being written: 20 more arrive over 60 ms
    const later: Promise<number>[] = [];
    for (let i = 1; i <= 20; i++) {
      later.push(commits.add(i));
      await new Promise(r => setTimeout(r, 3));
    }
    await Promise.all([first, ...later]);
    expect(lots).toEqual([[0], Array.from({ length: 20 }, (_, i) => i + 1)]);
  });

  it('writes at most maxBatch items per lot, in arrival order', async () => {
    const { lots, write } = slowWriter(1);
    const commits = new GroupCommit(write, { maxBatch: 4, maxDelayMs: 5 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => commits.add(i)));
    expect(lots).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  it('writes up to `concurrency` lots at once, each taken in arrival order, and the next when one ends', async () => {
    let writing = 0;
    let most = 0;
    const lots: number[][] = [];
    const commits = new GroupCommit(
      async (items: number[]) => {
        lots.push(items);
        writing += 1;
        most = Math.max(most, writing);
        await new Promise(r => setTimeout(r, 30));
        writing -= 1;
        return items;
      },
      { maxBatch: 2, maxDelayMs: 1, concurrency: 2 },
    );
    const results = Promise.all(
      Array.from({ length: 7 }, (_, i) => commits.add(i)),
    );
    await new Promise(r => setTimeout(r, 15));
    // two full lots are being written; the rest waits for one to end
    expect(lots).toEqual([
      [0, 1],
      [2, 3],
    ]);
    await expect(results).resolves.toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(lots).toEqual([[0, 1], [2, 3], [4, 5], [6]]);
    expect(most).toBe(2);
  });

  it('starts a lot that is due once the current callback ends, without waiting for the event loop to reach its timer', async () => {
    const { lots, write } = slowWriter(1);
    const commits = new GroupCommit(write, { maxBatch: 100, maxDelayMs: 5 });
    const first = commits.add(1);
    // a busy loop (hundreds of sockets read in one go) reaches no timer meanwhile
    const busyUntil = performance.now() + 10;
    while (performance.now() < busyUntil);
    const second = commits.add(2);
    await Promise.resolve();
    expect(lots).toEqual([[1, 2]]);
    await expect(Promise.all([first, second])).resolves.toEqual([10, 20]);
  });

  it('fails every caller of a lot whose write failed, and goes on with the next', async () => {
    let calls = 0;
    const commits = new GroupCommit(
      async (items: number[]) => {
        calls += 1;
        if (calls === 1) throw new Error('database gone');
        return items;
      },
      { maxBatch: 10, maxDelayMs: 1 },
    );
    const failed = [commits.add(1), commits.add(2)];
    await expect(Promise.all(failed)).rejects.toThrow('database gone');
    await expect(failed[1]).rejects.toThrow('database gone');
    await expect(commits.add(3)).resolves.toBe(3);
  });
});
