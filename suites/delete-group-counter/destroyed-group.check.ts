// delete_group_counter/destroyed-group: a group that was destroyed
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownGroup = profileCase('groups.unknown-group');

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'destroyed-group',
    evidence: unknownGroup,
    title: 'a group that was destroyed',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await ctx.destroyGroup(group);
    ctx.expectErrorCode(
      await ctx.call('delete_group_counter', { GroupId: group.groupId }, { allowForeignGroup: true }),
      unknownGroup,
    );
  },
);
