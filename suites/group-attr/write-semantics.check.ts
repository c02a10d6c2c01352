// The attribute writes: modify upserts and keeps the rest, set replaces the whole set, delete
// removes only the listed keys and refuses a missing one; get answers lower-case key/value.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import type { CheckContext, GroupFixture } from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';

type AttrBody = { GroupAttrAry: Array<Record<string, unknown>> };

async function readAttrs(ctx: CheckContext, group: GroupFixture): Promise<{ read: CallResult; attrs: Record<string, unknown> }> {
  const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
  const body = ctx.expectOk<AttrBody>(read, 'get_group_attr reads the attributes back');
  const attrs = Object.fromEntries(body.GroupAttrAry.map((a) => [a.key, a.value]));
  return { read, attrs };
}

const upsert = operationCase('modify_group_attr', 'upsert-keeps-others');
defineCheck(
  { operation: 'modify_group_attr', check: 'upsert-keeps-others', groupType: 'Public', evidence: upsert, title: upsert.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }));
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'b', value: '3' }, { key: 'c', value: '4' }] }));
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, { a: '1', b: '3', c: '4' }, 'modify adds c, updates b and keeps a');
  },
);

const replace = operationCase('set_group_attr', 'replaces-whole-set');
defineCheck(
  { operation: 'set_group_attr', check: 'replaces-whole-set', groupType: 'Public', evidence: replace, title: replace.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }));
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'c', value: '3' }] }));
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, { c: '3' }, 'set leaves exactly the keys it lists');
  },
);

const onlyListed = operationCase('delete_group_attr', 'deletes-only-listed');
defineCheck(
  { operation: 'delete_group_attr', check: 'deletes-only-listed', groupType: 'Public', evidence: onlyListed, title: onlyListed.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }));
    ctx.expectOk(await ctx.call('delete_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a' }] }));
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, { b: '2' }, 'delete removes a and keeps b');
  },
);

const missingKey = operationCase('delete_group_attr', 'missing-key');
defineCheck(
  { operation: 'delete_group_attr', check: 'missing-key', groupType: 'Public', evidence: missingKey, title: missingKey.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectErrorCode(await ctx.call('delete_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'never_set' }] }), missingKey);
  },
);

defineCheck(
  { operation: 'get_group_attr', check: 'lower-case-key-value', groupType: 'Public', evidence: 'get_group_attr#response', title: 'GroupAttrAry items are {key, value}' },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: '1' }] }));
    const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<AttrBody>(read);
    ctx.expectEqual(read, body.GroupAttrAry, [{ key: 'a', value: '1' }], 'get_group_attr lists lower-case key and value');
  },
);
