/**
 * Lowers the calling thread's scheduling priority to the lowest (nice 19), so that the work on it
 * takes only the CPU the process's other threads and the machine leave. On Linux a nice value
 * belongs to one thread, and setpriority on a thread's id changes that thread alone; the id comes
 * from /proc/thread-self. Elsewhere, or when the call is refused, nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

/** Whether the thread now runs at the lowest priority. */
export function lowerThisThreadPriority(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false;
  }
}
