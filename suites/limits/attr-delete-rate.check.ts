// delete_group_attr counts toward the N attribute writes per second per group: with N + 1 keys
// in place (and the seeding write out of the window), N + 1 deletes sent at once, one key each,
// get N accepted and the next refused.
import { defineCheck, getLimit, readGroupState } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow, WINDOW_MS } from './burst.ts';

const limit = getLimit('attr.writes.perGroupPerSecond');
const max = limit.max;

defineCheck(
  {
    operation: 'delete_group_attr',
    check: 'write-rate-per-group',
    groupType: 'Public',
    evidence: 'limit:attr.writes.perGroupPerSecond#exceeded',
    title: `the delete after ${max} writes in one second is refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const keys = Array.from({ length: max + 1 }, (_, i) => `k${i}`);
    const seed = async () => {
      ctx.expectOk(
        await ctx.call('set_group_attr', {
          GroupId: group.groupId,
          GroupAttr: keys.map((key) => ({ key, value: 'v' })),
        }),
        `seed ${max + 1} keys`,
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
    const results = await burstWithinOneWindow(ctx, max + 1, send, seed);
    const accepted = results.filter((r) => r.body?.ErrorCode === 0).length;
    const refused = results.find((r) => r.body?.ErrorCode !== 0);
    ctx.expectThat(
      results[0]!,
      accepted === max,
      `${max} deletes within one second are accepted (got ${accepted} of ${max + 1})`,
    );
    ctx.expectErrorCode(refused ?? results[max]!, limit.exceeded, `delete ${max + 1} within one second on one group`);
    // The refused delete changed nothing: its key is still there.
    const refusedKey = keys[results.indexOf(refused!)]!;
    const read = await readGroupState(ctx, group.groupId, 'attrs');
    ctx.expectThat(
      read.result,
      read.entries.some(([key]) => key === refusedKey),
      `the refused delete changes nothing: key ${refusedKey} is still stored`,
    );
  },
);
