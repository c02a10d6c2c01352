// transport/method-not-post: A method other than POST.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const notPost = profileCase('transport.method-not-post');

defineCheck(
  { operation: 'transport', check: 'method-not-post', evidence: notPost, title: notPost.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const result = await ctx.call(
      'get_group_attr',
      { GroupId: group.groupId },
      { method: 'PUT', skipSchemaCheck: true, retry: false },
    );
    ctx.expectErrorCode(result, notPost);
  },
);
