import fs from 'node:fs';

/** The host's CPU counters (in ticks) from /proc/stat: all time, and the time stolen by the hypervisor. */
export function cpuTicks(): { total: number; steal: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  // cpu user nice system idle iowait irq softirq steal guest guest_nice
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

/**
 * The share of CPU time the hypervisor gave to other guests between two
 * readings: on a shared host, a slow spell with a high steal share was the
 * host's, not the portal's.
 */
export function stealPercent(
  from: { total: number; steal: number },
  to: { total: number; steal: number },
): number {
  const total = to.total - from.total;
  return total > 0 ? ((to.steal - from.steal) / total) * 100 : 0;
}
