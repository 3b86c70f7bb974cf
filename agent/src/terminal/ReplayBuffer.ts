/**
 * The last `capacity` bytes of a terminal's output, for replay when someone
 * (re)attaches. A ring: writing never allocates, the oldest bytes go first.
 */
export class ReplayBuffer {
  private readonly ring: Buffer;
  /** index of the oldest byte */
  private start = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    this.ring = Buffer.allocUnsafe(capacity);
  }

  get size(): number {
    return this.length;
  }

  push(data: Uint8Array): void {
    const cap = this.capacity;
    if (data.length >= cap) {
      this.ring.set(data.subarray(data.length - cap));
      this.start = 0;
      this.length = cap;
      return;
    }
    const end = (this.start + this.length) % cap;
    const first = Math.min(data.length, cap - end);
    this.ring.set(data.subarray(0, first), end);
    if (first < data.length) this.ring.set(data.subarray(first), 0);
    const total = this.length + data.length;
    if (total > cap) {
      this.start = (this.start + total - cap) % cap;
      this.length = cap;
    } else {
      this.length = total;
    }
  }

  /**
   * A copy of what it holds, starting on a character: leading UTF-8
   * continuation bytes (left from a character whose start was dropped) are cut.
   */
  snapshot(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    const first = Math.min(this.length, this.capacity - this.start);
    this.ring.copy(out, 0, this.start, this.start + first);
    if (first < this.length) this.ring.copy(out, first, 0, this.length - first);
    let skip = 0;
    while (skip < 3 && skip < out.length && (out[skip] & 0xc0) === 0x80) skip++;
    return out.subarray(skip);
  }
}
