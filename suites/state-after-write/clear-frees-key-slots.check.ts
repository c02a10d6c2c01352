// After clear_group_attr nothing of the removed keys remains: a group that held the most keys
// takes as many new ones at once, and reads back only those.
import { defineCheck, expectStateEquals, getLimit, profileCase, readGroupState } from '../../test-utils/check/index.ts';

const freed = profileCase('attrs.removed-keys-freed');
const max = getLimit('attr.keys.maxCount').max;
const attrs = (prefix: string) => Array.from({ length: max }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));

defineCheck(
  {
    operation: 'clear_group_attr',
    check: 'frees-key-slots',
    groupType: 'Public',
    evidence: freed,
    title: `after a clear, ${max} new keys fit`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs('old') }), `${max} keys`);
    ctx.expectOk(await ctx.call('clear_group_attr', { GroupId: group.groupId }), 'clear_group_attr');
    const fresh = attrs('new');
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: fresh }),
      `${max} new keys on a cleared group (the cleared keys no longer count)`,
    );
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'attrs'),
      fresh.map((a) => [a.key, a.value]),
      'only the new keys remain',
    );
  },
);
