// delete_group_counter/missing-group-id: GroupId left out
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const missingGroupId = profileCase('groups.missing-group-id');

defineCheck(
  { operation: 'delete_group_counter', check: 'missing-group-id', evidence: missingGroupId, title: 'GroupId left out' },
  async (ctx) => {
    ctx.expectErrorCode(await ctx.call('delete_group_counter', {}), missingGroupId);
  },
);
