import { decodeDataFrame, encodeDataFrame } from './dataFrame';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('data frames', () => {
  it('round-trips kind, session and payload', () => {
    const frame = encodeDataFrame(
      'output',
      'session-0001',
      new TextEncoder().encode('hello'),
    );
    const decoded = decodeDataFrame(frame)!;
    expect(decoded.kind).toBe('output');
    expect(decoded.session).toBe('session-0001');
    expect(text(decoded.payload)).toBe('hello');
  });

  it('writes several parts, in order, into one frame from the given allocator', () => {
    const sizes: number[] = [];
    const frame = encodeDataFrame(
      'replay',
      'session-0002',
      ['ab', '', 'cde'].map(s => new TextEncoder().encode(s)),
      size => {
        sizes.push(size);
        return new Uint8Array(size).fill(0xff);
      },
    );
    expect(sizes).toEqual([2 + 12 + 5]);
    const decoded = decodeDataFrame(frame)!;
    expect(decoded.kind).toBe('replay');
    expect(text(decoded.payload)).toBe('abcde');
  });

  it('refuses what is not one of ours', () => {
    expect(decodeDataFrame(new Uint8Array([9, 1, 65]))).toBeUndefined();
    expect(
      decodeDataFrame(encodeDataFrame('input', 'bad id!!', new Uint8Array(1))),
    ).toBeUndefined();
  });
});
