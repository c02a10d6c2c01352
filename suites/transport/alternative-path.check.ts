// get_group_attr/alternative-path: get_group_attr under group_open_http_svc instead of group_open_attr_http_svc is accepted like the documented path.
import { defineCheck, getOperation, profileCase } from '../../test-utils/check/index.ts';

const alternative = profileCase('transport.get-group-attr-alternative-path');

defineCheck(
  { operation: 'get_group_attr', check: 'alternative-path', evidence: alternative, title: alternative.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const path = getOperation('get_group_attr').alternativePaths[0]!;
    ctx.expectErrorCode(await ctx.call('get_group_attr', { GroupId: group.groupId }, { path }), alternative);
  },
);
