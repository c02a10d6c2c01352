// The proxy's judging thread runs at the lowest priority and the forwarding thread does not: only
// that thread's nice value changes (Linux keeps a nice value per thread; elsewhere nothing changes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startJudgeThread } from '../../test-utils/sdk-gate/proxy-judge-thread.ts';

/** Field 19 of a thread's stat: its nice value. */
function niceOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** The nice value of each thread of this process, by thread id. */
function threadNices(): Map<string, number> {
  const nices = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      nices.set(tid, niceOf(`/proc/self/task/${tid}/stat`));
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return nices;
}

describe.runIf(existsSync('/proc/thread-self'))('the proxy judging thread', () => {
  it('runs at nice 19 while every thread that was there before keeps its priority', async () => {
    const before = threadNices();
    const thread = await startJudgeThread({ apps: [] }, () => {});
    try {
      const after = threadNices();
      const added = [...after].filter(([tid]) => !before.has(tid));
      expect(added.map(([, nice]) => nice)).toContain(19);
      for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid)).toBe(nice);
    } finally {
      await thread.drain();
    }
  });
});
