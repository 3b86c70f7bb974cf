import { ReadGate } from './ReadGate';

function socket() {
  const calls: string[] = [];
  return {
    calls,
    ws: {
      pause: () => calls.push('pause'),
      resume: () => calls.push('resume'),
    } as any,
  };
}

describe('ReadGate', () => {
  it('stops reading a connection with too many frames waiting, and reads again once half have been handled', () => {
    const { ws, calls } = socket();
    const gate = new ReadGate(ws, { frames: 4, bytes: 1_000_000 });
    for (let i = 0; i < 3; i++) gate.queued(10);
    expect(calls).toEqual([]);
    gate.queued(10);
    expect(calls).toEqual(['pause']);
    gate.done(10);
    expect(calls).toEqual(['pause']);
    gate.done(10);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('stops reading a connection with too many bytes waiting', () => {
    const { ws, calls } = socket();
    const gate = new ReadGate(ws, { frames: 1000, bytes: 100 });
    gate.queued(60);
    gate.queued(60);
    expect(calls).toEqual(['pause']);
    gate.done(60);
    expect(calls).toEqual(['pause']);
    gate.done(60);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('does not read a throttled connection for a moment, then reads it again', () => {
    // the clock is the test's: a loaded machine's late timers must not pass for the gate's
    jest.useFakeTimers();
    try {
      const { ws, calls } = socket();
      const gate = new ReadGate(ws, { frames: 10, bytes: 1000 });
      gate.throttle(40);
      gate.throttle(40);
      expect(calls).toEqual(['pause']);
      jest.advanceTimersByTime(20);
      gate.throttle(40); // still over the rate: the pause lasts longer
      jest.advanceTimersByTime(35);
      expect(calls).toEqual(['pause']);
      jest.advanceTimersByTime(40);
      expect(calls).toEqual(['pause', 'resume']);
      gate.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps a throttled connection paused while its queue is full, whichever ends first', async () => {
    const { ws, calls } = socket();
    const gate = new ReadGate(ws, { frames: 2, bytes: 1000 });
    gate.queued(1);
    gate.queued(1);
    gate.throttle(20);
    await new Promise(r => setTimeout(r, 40));
    expect(calls).toEqual(['pause']);
    gate.done(1);
    expect(calls).toEqual(['pause', 'resume']);
    gate.close();
  });
});
