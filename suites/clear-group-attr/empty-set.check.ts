// Clearing a group that has no attributes succeeds (clear is idempotent).
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

const clear = getOperation('clear_group_attr');

defineCheck(
  {
    operation: 'clear_group_attr',
    check: 'empty-set-ok',
    groupType: 'Public',
    evidence: clear,
    title: 'clearing a group without attributes succeeds',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('clear_group_attr', { GroupId: group.groupId }),
      'clear_group_attr on a group without attributes',
    );
    ctx.expectOk(await ctx.call('clear_group_attr', { GroupId: group.groupId }), 'a second clear_group_attr');
  },
);
