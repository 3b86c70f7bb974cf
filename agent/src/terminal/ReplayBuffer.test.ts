import { ReplayBuffer } from './ReplayBuffer';

describe('ReplayBuffer', () => {
  it('keeps everything until full, then the last `capacity` bytes across wraps', () => {
    const buffer = new ReplayBuffer(10);
    buffer.push(Buffer.from('abc'));
    buffer.push(Buffer.from('defg'));
    expect(buffer.snapshot().toString()).toBe('abcdefg');
    buffer.push(Buffer.from('hijkl'));
    expect(buffer.snapshot().toString()).toBe('cdefghijkl');
    buffer.push(Buffer.from('mnopqrs'));
    expect(buffer.snapshot().toString()).toBe('jklmnopqrs');
    buffer.push(Buffer.from('0123456789ABCDEF'));
    expect(buffer.snapshot().toString()).toBe('6789ABCDEF');
    expect(buffer.size).toBe(10);
  });

  it('matches a plain tail for any sequence of writes', () => {
    const buffer = new ReplayBuffer(64);
    let all = Buffer.alloc(0);
    for (let i = 0; i < 500; i++) {
      const chunk = Buffer.from(
        Array.from({ length: (i * 37) % 90 }, (_, j) => 0x21 + ((i + j) % 90)),
      );
      buffer.push(chunk);
      all = Buffer.concat([all, chunk]).subarray(-64);
      expect(buffer.snapshot().equals(all)).toBe(true);
    }
  });

  it('starts the snapshot on a character when the oldest one was cut', () => {
    const buffer = new ReplayBuffer(8);
    buffer.push(Buffer.from('a€€')); // 1 + 3 + 3 bytes
    buffer.push(Buffer.from('bcd')); // 10 bytes: the a and the first byte of the first € go
    expect(buffer.snapshot().toString()).toBe('€bcd');
    expect(buffer.snapshot().toString()).not.toContain('\ufffd');
  });

  it('gives a copy: later writes do not change a snapshot', () => {
    const buffer = new ReplayBuffer(4);
    buffer.push(Buffer.from('abcd'));
    const snapshot = buffer.snapshot();
    buffer.push(Buffer.from('xy'));
    expect(snapshot.toString()).toBe('abcd');
  });
});
