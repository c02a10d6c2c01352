// The attribute write window is one second long: N writes to a group, then, once a second has
// passed since their answers, N more, are all accepted (a longer window refuses the second burst).
// Only a burst answered quickly pins down when the server saw it, so on a busy machine the pair is
// sent again (a few times) until both bursts were quick; the reference accepts every one anyway.
import { defineCheck } from '../../test-utils/check/index.ts';
import { WINDOW_MS } from './burst.ts';
import { MAX_WRITES, writeRate } from './write-rate-steps.ts';

/** A burst answered within this long arrived within it too. */
const QUICK_MS = 300;
const ATTEMPTS = 3;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'write-rate-window-slides',
    groupType: 'Public',
    evidence: writeRate,
    title: `${MAX_WRITES} writes, a second's pause, ${MAX_WRITES} more: all accepted`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const burst = async (round: number, what: string) => {
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: MAX_WRITES }, (_, i) =>
          ctx.call(
            'modify_group_attr',
            { GroupId: group.groupId, GroupAttr: [{ key: `k${i}`, value: `r${round}` }] },
            { pacing: false, retry: false },
          ),
        ),
      );
      for (const result of results) ctx.expectOk(result, what);
      return performance.now() - started;
    };
    const pause = () => new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // Every write of a burst arrived before its answer, so after the pause all have left the window.
      const first = await burst(2 * attempt, `${MAX_WRITES} writes or fewer within one second`);
      await pause();
      const second = await burst(
        2 * attempt + 1,
        `${MAX_WRITES} writes more than one second after the previous ${MAX_WRITES}`,
      );
      if (first < QUICK_MS && second < QUICK_MS) return;
      await pause();
    }
  },
);
