// delete_group_attr counts toward the N attribute writes per second per group: with N + 1 keys
// in place (and the seeding write out of the window), N + 1 deletes sent at once, one key each,
// get N accepted and the next refused.
import { defineCheck } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow, WINDOW_MS } from './burst.ts';
import { expectKeyUntouched, MAX_WRITES, refusedPastRate } from './write-rate-steps.ts';

defineCheck(
  {
    operation: 'delete_group_attr',
    check: 'write-rate-per-group',
    groupType: 'Public',
    evidence: 'limit:attr.writes.perGroupPerSecond#exceeded',
    title: `the delete after ${MAX_WRITES} writes in one second is refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const keys = Array.from({ length: MAX_WRITES + 1 }, (_, i) => `k${i}`);
    const seed = async () => {
      ctx.expectOk(
        await ctx.call('set_group_attr', {
          GroupId: group.groupId,
          GroupAttr: keys.map((key) => ({ key, value: 'v' })),
        }),
        `seed ${MAX_WRITES + 1} keys`,
      );
      // The seeding write must leave the server's window before the burst.
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
    };
    const send = (i: number) =>
      ctx.call(
        'delete_group_attr',
        { GroupId: group.groupId, GroupAttr: [{ key: keys[i]! }] },
        { pacing: false, retry: false },
      );
    const results = await burstWithinOneWindow(ctx, MAX_WRITES + 1, send, seed);
    // The refused delete changed nothing: its key is still there.
    await expectKeyUntouched(ctx, group.groupId, keys[refusedPastRate(ctx, results, 'delete')]!, true);
  },
);
