// clear_group_attr/malformed-group-id: an empty GroupId
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const malformed = profileCase('groups.malformed-group-id');

defineCheck(
  { operation: 'clear_group_attr', check: 'malformed-group-id', evidence: malformed, title: 'an empty GroupId' },
  async (ctx) => {
    ctx.expectErrorCode(
      await ctx.call('clear_group_attr', { GroupId: '' }, { allowForeignGroup: true }),
      malformed,
      'clear_group_attr with GroupId ""',
    );
  },
);
