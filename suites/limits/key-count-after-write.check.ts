// modify_group_attr/key-count-after-write
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { attrs } from './attr-key-count.ts';

const limit = getLimit('attr.keys.maxCount');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-count-after-write',
    groupType: 'Public',
    evidence: 'limit:attr.keys.maxCount#exceeded',
    title: `a new key on a group at ${max - 1} keys plus two more is refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(max - 1) }),
      `${max - 1} keys`,
    );
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'attrs',
      async () => {
        ctx.expectErrorCode(
          await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: attrs(2, max) }),
          limit.exceeded,
          `two new keys on a group of ${max - 1} (${max + 1} after the write)`,
        );
      },
      `two new keys on a group of ${max - 1}`,
    );
  },
);
