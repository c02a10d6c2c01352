// set_group_attr/key-count-past-limit
import { defineCheck, expectWriteRefused } from '../../test-utils/check/index.ts';
import { attrs, keyCount, MAX_KEYS } from './attr-key-count.ts';

defineCheck(
  {
    operation: 'set_group_attr',
    check: 'key-count-past-limit',
    groupType: 'Public',
    evidence: 'limit:attr.keys.maxCount#exceeded',
    title: `${MAX_KEYS + 1} keys in one set are refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const tooMany = () => ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(MAX_KEYS + 1) });
    await expectWriteRefused(ctx, group.groupId, 'attrs', tooMany, keyCount.exceeded, `a set of ${MAX_KEYS + 1} keys`);
  },
);
