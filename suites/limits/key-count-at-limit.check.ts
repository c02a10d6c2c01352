// modify_group_attr/key-count-at-limit
import { defineCheck } from '../../test-utils/check/index.ts';
import { attrs, keyCount, MAX_KEYS } from './attr-key-count.ts';

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-count-at-limit',
    groupType: 'Public',
    evidence: keyCount,
    title: `${MAX_KEYS} keys are accepted, and updating one of them`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(MAX_KEYS) }),
      `${MAX_KEYS} keys`,
    );
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'k0', value: 'changed' }] }),
      `updating a key of a group at ${MAX_KEYS} keys`,
    );
  },
);
