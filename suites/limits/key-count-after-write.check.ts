// modify_group_attr/key-count-after-write
import { defineCheck, expectWriteRefused } from '../../test-utils/check/index.ts';
import { attrs, keyCount, MAX_KEYS } from './attr-key-count.ts';

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-count-after-write',
    groupType: 'Public',
    evidence: 'limit:attr.keys.maxCount#exceeded',
    title: `a new key on a group at ${MAX_KEYS - 1} keys plus two more is refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(MAX_KEYS - 1) }),
      `${MAX_KEYS - 1} keys`,
    );
    const twoMore = () => ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: attrs(2, MAX_KEYS) });
    await expectWriteRefused(
      ctx,
      group.groupId,
      'attrs',
      twoMore,
      keyCount.exceeded,
      `two new keys on a group of ${MAX_KEYS - 1} (${MAX_KEYS + 1} after the write)`,
    );
  },
);
