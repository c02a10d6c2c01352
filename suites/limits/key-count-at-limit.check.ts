// modify_group_attr/key-count-at-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { attrs } from './attr-key-count.ts';

const limit = getLimit('attr.keys.maxCount');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-count-at-limit',
    groupType: 'Public',
    evidence: limit,
    title: `${max} keys are accepted, and updating one of them`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(max) }), `${max} keys`);
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'k0', value: 'changed' }] }),
      `updating a key of a group at ${max} keys`,
    );
  },
);
