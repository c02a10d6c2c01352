// delete_group_counter/community-rejected: a Community group has no counters
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

const op = getOperation('delete_group_counter');

const community = op['x-tim-group-types'].Community;

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'community-rejected',
    groupType: 'Community',
    evidence: community.rejectedWith!,
    title: 'a Community group has no counters',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectErrorCode(
      await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: ['c'] }),
      community.rejectedWith!,
    );
  },
);
