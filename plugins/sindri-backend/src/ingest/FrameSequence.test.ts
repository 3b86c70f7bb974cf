import { FrameSequence } from './FrameSequence';

/** A promise the test settles when it likes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const turn = () => new Promise(r => setImmediate(r));

function sequence() {
  const answered: string[] = [];
  const failures: unknown[] = [];
  const settled: string[] = [];
  const started: string[] = [];
  const frames = new FrameSequence<string>(
    answer => answered.push(answer),
    error => failures.push(error),
  );
  const push = (
    name: string,
    together: boolean,
    work: () => Promise<string> | string,
  ) =>
    frames.push(
      together,
      () => {
        started.push(name);
        return work();
      },
      () => settled.push(name),
    );
  return { answered, failures, settled, started, push };
}

describe('FrameSequence', () => {
  it('starts frames that may run together at once and answers them in arrival order, whenever each ends', async () => {
    const s = sequence();
    const works = [deferred<string>(), deferred<string>(), deferred<string>()];
    works.forEach((w, i) => s.push(`s${i}`, true, () => w.promise));
    expect(s.started).toEqual(['s0', 's1', 's2']);

    works[2].resolve('a2');
    works[1].resolve('a1');
    await turn();
    expect(s.answered).toEqual([]);
    works[0].resolve('a0');
    await turn();
    expect(s.answered).toEqual(['a0', 'a1', 'a2']);
    expect(s.settled).toEqual(['s0', 's1', 's2']);
  });

  it('runs any other frame alone: after everything before it, and before everything after it', async () => {
    const s = sequence();
    const first = deferred<string>();
    const alone = deferred<string>();
    const last = deferred<string>();
    s.push('first', true, () => first.promise);
    s.push('alone', false, () => alone.promise);
    s.push('last', true, () => last.promise);
    expect(s.started).toEqual(['first']);

    first.resolve('a-first');
    await turn();
    expect(s.started).toEqual(['first', 'alone']);
    expect(s.answered).toEqual(['a-first']);

    alone.resolve('a-alone');
    await turn();
    expect(s.started).toEqual(['first', 'alone', 'last']);
    last.resolve('a-last');
    await turn();
    expect(s.answered).toEqual(['a-first', 'a-alone', 'a-last']);
  });

  it('answers a frame whose answer is ready at once in its turn, and goes on after a frame whose work fails', async () => {
    const s = sequence();
    const slow = deferred<string>();
    s.push('slow', true, () => slow.promise);
    s.push('refused', true, () => 'a-refused');
    s.push('broken', true, () => {
      throw new Error('broken');
    });
    s.push('failing', true, () => Promise.reject(new Error('failing')));
    s.push('after', false, () => 'a-after');
    await turn();
    // nothing leaves before the slow frame ahead of it
    expect(s.answered).toEqual([]);
    expect(s.failures).toEqual([]);

    slow.resolve('a-slow');
    await turn();
    expect(s.answered).toEqual(['a-slow', 'a-refused', 'a-after']);
    expect(s.failures.map(e => (e as Error).message)).toEqual([
      'broken',
      'failing',
    ]);
    expect(s.settled).toEqual([
      'slow',
      'refused',
      'broken',
      'failing',
      'after',
    ]);
  });

  it('answers any number of frames whose answers are ready at once, queued behind one that is not', async () => {
    const s = sequence();
    const alone = deferred<string>();
    s.push('alone', false, () => alone.promise);
    for (let i = 0; i < 20_000; i++) s.push(`r${i}`, true, () => `a${i}`);
    alone.resolve('a-alone');
    await turn();
    expect(s.failures).toEqual([]);
    expect(s.answered).toHaveLength(20_001);
    expect(s.answered[20_000]).toBe('a19999');
    s.push('later', true, () => 'a-later');
    expect(s.answered[20_001]).toBe('a-later');
  });
});
