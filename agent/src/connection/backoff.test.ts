import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('grows exponentially up to the cap, with jitter below the ceiling', () => {
    expect(backoffDelayMs(0, 1000, 60_000, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, 1000, 60_000, () => 0.999)).toBe(7992);
    expect(backoffDelayMs(20, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(backoffDelayMs(5, 1000, 60_000, () => 0)).toBe(0);
  });
});
