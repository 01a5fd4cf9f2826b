import { readFileSync } from 'node:fs';

/** Linux counts CPU time in clock ticks of 10 ms (USER_HZ = 100 on every mainstream build). */
const microsecondsPerTick = 10_000;

/**
 * CPU time (user + system, all threads: the threadpool that signs included) that `pids` have used
 * so far, in µs, from /proc. On a shared machine this is steadier than requests per second.
 * Undefined where there is no /proc.
 */
export function processCpuMicroseconds(pids: readonly number[]): number | undefined {
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
    // Fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * microsecondsPerTick;
}
