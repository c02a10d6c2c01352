// set_group_attr replaces the whole set: the keys it drops are gone at once, so a group at the
// key limit can be set to as many other keys, and reads back only those.
import { defineCheck, expectStateEquals, getLimit, profileCase, readGroupState } from '../../test-utils/check/index.ts';

const freed = profileCase('attrs.removed-keys-freed');
const max = getLimit('attr.keys.maxCount').max;
const attrs = (prefix: string) => Array.from({ length: max }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));

defineCheck(
  {
    operation: 'set_group_attr',
    check: 'frees-removed-key-slots',
    groupType: 'Public',
    evidence: freed,
    title: `a set of ${max} other keys replaces ${max} keys`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs('old') }), `${max} keys`);
    const fresh = attrs('new');
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: fresh }),
      `a set of ${max} other keys (the replaced keys no longer count)`,
    );
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'attrs'),
      fresh.map((a) => [a.key, a.value]),
      'only the new set remains',
    );
  },
);
