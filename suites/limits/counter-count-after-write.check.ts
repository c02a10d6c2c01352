// update_group_counter/counter-count-after-write: one counter past the limit, counted after the write, is refused
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { counters } from './counter-limits.ts';

const count = getLimit('counter.keys.maxCount');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'counter-count-after-write',
    groupType: 'Public',
    evidence: 'limit:counter.keys.maxCount#exceeded',
    title: 'one counter past the limit, counted after the write, is refused',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('update_group_counter', {
        GroupId: group.groupId,
        Mode: 'Set',
        GroupCounter: counters(count.max),
      }),
      `${count.max} counters`,
    );
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'counters',
      async () => {
        ctx.expectErrorCode(
          await ctx.call('update_group_counter', {
            GroupId: group.groupId,
            Mode: 'Set',
            GroupCounter: counters(1, count.max),
          }),
          count.exceeded,
          `a new counter on a group holding ${count.max}`,
        );
      },
      `a new counter on a group holding ${count.max}`,
    );
  },
);
