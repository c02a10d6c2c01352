// The key count is taken on the state after the write: a group at the limit takes updates of its
// keys but refuses one new key, even when the request alone is well under the limit.
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';

const limit = getLimit('attr.keys.maxCount');
const max = limit.max;
const attrs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: 'v' }));

defineCheck(
  { operation: 'modify_group_attr', check: 'key-count-at-limit', groupType: 'Public', evidence: limit, title: `${max} keys are accepted, and updating one of them` },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(max) }), `${max} keys`);
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'k0', value: 'changed' }] }), `updating a key of a group at ${max} keys`);
  },
);

defineCheck(
  { operation: 'modify_group_attr', check: 'key-count-after-write', groupType: 'Public', evidence: 'limit:attr.keys.maxCount#exceeded', title: `a new key on a group at ${max - 1} keys plus two more is refused` },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(max - 1) }), `${max - 1} keys`);
    await expectRefusalChangesNothing(ctx, group.groupId, 'attrs', async () => {
      ctx.expectErrorCode(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: attrs(2, max) }), limit.exceeded, `two new keys on a group of ${max - 1} (${max + 1} after the write)`);
    }, `two new keys on a group of ${max - 1}`);
  },
);

defineCheck(
  { operation: 'set_group_attr', check: 'key-count-past-limit', groupType: 'Public', evidence: 'limit:attr.keys.maxCount#exceeded', title: `${max + 1} keys in one set are refused` },
  async (ctx) => {
    const group = await ctx.createGroup();
    await expectRefusalChangesNothing(ctx, group.groupId, 'attrs', async () => {
      ctx.expectErrorCode(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs(max + 1) }), limit.exceeded, `${max + 1} keys`);
    }, `a set of ${max + 1} keys`);
  },
);
