// get_group_attr/envelope-on-success: a success is HTTP 200 with the OK envelope
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const http200 = profileCase('transport.http-200');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'envelope-on-success',
    evidence: http200,
    title: 'a success is HTTP 200 with the OK envelope',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId });
    ctx.expectEnvelope(result);
    ctx.expectOk(result, 'get_group_attr on an existing group');
  },
);
