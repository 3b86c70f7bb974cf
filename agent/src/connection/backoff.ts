/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in
 * [0, min(max, base * 2^n)], so a fleet that lost the portal at once does not
 * reconnect at once.
 */
export function backoffDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
