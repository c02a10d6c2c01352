// At most N attribute writes per second per group: N writes sent at once on a fresh group pass,
// the next one is refused. Each check uses its own group, so checks run side by side.
import { defineCheck } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow } from './burst.ts';
import { expectKeyUntouched, MAX_WRITES, refusedPastRate } from './write-rate-steps.ts';

for (const operation of ['modify_group_attr', 'set_group_attr'] as const) {
  defineCheck(
    {
      operation,
      check: 'write-rate-per-group',
      groupType: 'Public',
      evidence: 'limit:attr.writes.perGroupPerSecond#exceeded',
      title: `the write after ${MAX_WRITES} in one second is refused`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const send = (i: number) =>
        ctx.call(
          operation,
          { GroupId: group.groupId, GroupAttr: [{ key: `k${i}`, value: 'v' }] },
          { pacing: false, retry: false },
        );
      const results = await burstWithinOneWindow(ctx, MAX_WRITES + 1, send);
      // The refused write changed nothing: its key is not there.
      await expectKeyUntouched(ctx, group.groupId, `k${refusedPastRate(ctx, results, 'write')}`, false);
    },
  );
}
