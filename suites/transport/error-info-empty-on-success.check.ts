// get_group_attr/error-info-empty-on-success: a success carries ErrorInfo ""
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const errorInfoOnSuccess = profileCase('transport.error-info-on-success');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'error-info-empty-on-success',
    evidence: errorInfoOnSuccess,
    title: 'a success carries ErrorInfo ""',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk(result);
    ctx.expectEqual(result, body.ErrorInfo, '', 'ErrorInfo is "" on a success, as in the samples');
  },
);
