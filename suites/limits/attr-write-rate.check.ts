// At most N attribute writes per second per group: N writes sent at once on a fresh group pass,
// the next one is refused. Each check uses its own group, so checks run side by side.
import { defineCheck, getLimit, readGroupState } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow } from './burst.ts';

const limit = getLimit('attr.writes.perGroupPerSecond');
const max = limit.max;

for (const operation of ['modify_group_attr', 'set_group_attr'] as const) {
  defineCheck(
    {
      operation,
      check: 'write-rate-per-group',
      groupType: 'Public',
      evidence: 'limit:attr.writes.perGroupPerSecond#exceeded',
      title: `the write after ${max} in one second is refused`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const send = (i: number) =>
        ctx.call(
          operation,
          { GroupId: group.groupId, GroupAttr: [{ key: `k${i}`, value: 'v' }] },
          { pacing: false, retry: false },
        );
      const results = await burstWithinOneWindow(ctx, max + 1, send);
      const accepted = results.filter((r) => r.body?.ErrorCode === 0).length;
      const refused = results.find((r) => r.body?.ErrorCode !== 0);
      ctx.expectThat(
        results[0]!,
        accepted === max,
        `${max} writes within one second are accepted (got ${accepted} of ${max + 1})`,
      );
      ctx.expectErrorCode(refused ?? results[max]!, limit.exceeded, `write ${max + 1} within one second on one group`);
      // The refused write changed nothing: its key is not there.
      const refusedKey = `k${results.indexOf(refused!)}`;
      const read = await readGroupState(ctx, group.groupId, 'attrs');
      ctx.expectThat(
        read.result,
        !read.entries.some(([key]) => key === refusedKey),
        `the refused write changes nothing: its key ${refusedKey} is not stored`,
      );
    },
  );
}
