/**
 * CPU time of this process's threads from /proc (Linux; undefined elsewhere): the main thread —
 * for the proxy, its forwarding event loop — apart from all the others (its judging thread, V8's
 * and libuv's helpers). Unlike a latency percentile, CPU per request hardly moves with what else
 * the machine runs, so it shows what the code does on the forwarding thread even on a busy machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpuMs {
  main: number;
  others: number;
}

/** /proc's clock ticks (USER_HZ: 100 on Linux, whatever the kernel's own tick rate). */
const MS_PER_TICK = 10;

function threadTicks(tid: string): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function threadCpuMs(): ThreadCpuMs | undefined {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const ms = threadTicks(tid) * MS_PER_TICK;
      if (Number(tid) === process.pid) main += ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return undefined;
  }
}
