// clear_group_attr/destroyed-group: a group that was destroyed
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownGroup = profileCase('groups.unknown-group');

defineCheck(
  {
    operation: 'clear_group_attr',
    check: 'destroyed-group',
    evidence: unknownGroup,
    title: 'a group that was destroyed',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await ctx.destroyGroup(group);
    ctx.expectErrorCode(
      await ctx.call('clear_group_attr', { GroupId: group.groupId }, { allowForeignGroup: true }),
      unknownGroup,
      'clear_group_attr on a destroyed group',
    );
  },
);
