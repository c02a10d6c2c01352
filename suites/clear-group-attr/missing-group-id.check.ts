// clear_group_attr/missing-group-id: GroupId left out
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const missingGroupId = profileCase('groups.missing-group-id');

defineCheck(
  { operation: 'clear_group_attr', check: 'missing-group-id', evidence: missingGroupId, title: 'GroupId left out' },
  async (ctx) => {
    ctx.expectErrorCode(await ctx.call('clear_group_attr', {}), missingGroupId, 'clear_group_attr without GroupId');
  },
);
