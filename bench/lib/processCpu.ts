import fs from 'node:fs';

/** USER_HZ: the unit of the CPU times in /proc/<pid>/stat (100 on Linux). */
const TICKS_PER_S = Number(process.env.CLK_TCK ?? 100);

function statFields(pid: number | string): string[] {
  // fields after "pid (comm) ": state is [0], utime [11], stime [12]
  return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/** User and system CPU time of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
}

/**
 * User and system CPU time of every process named `comm` (e.g. `postgres`: the
 * cluster's server processes, one per connection), with what their ended
 * children spent, in seconds. A process that ends between two readings takes
 * its share with it, so read this only across a period in which the processes
 * that matter (a pool's connections) stay open.
 */
export function cpuSecondsOfAll(comm: string): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes(`(${comm})`)) continue;
      const fields = stat.split(') ')[1].split(' ');
      // utime, stime, cutime, cstime
      ticks +=
        Number(fields[11]) +
        Number(fields[12]) +
        Number(fields[13]) +
        Number(fields[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / TICKS_PER_S;
}
