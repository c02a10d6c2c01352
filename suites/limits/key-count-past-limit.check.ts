// set_group_attr/key-count-past-limit
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { attrs } from './attr-key-count.ts';

const limit = getLimit('attr.keys.maxCount');

const max = limit.max;

defineCheck(
  {
    operation: 'set_group_attr',
    check: 'key-count-past-limit',
    groupType: 'Public',
    evidence: 'limit:attr.keys.maxCount#exceeded',
    title: `${max + 1} keys in one set are refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'attrs',
      async () => {
        ctx.expectErrorCode(
          await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(max + 1) }),
          limit.exceeded,
          `${max + 1} keys`,
        );
      },
      `a set of ${max + 1} keys`,
    );
  },
);
