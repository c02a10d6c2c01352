// An attribute key at the byte limit is accepted; one byte past it (multi-byte UTF-8, so the
// character count stays far below the limit) is refused with the limit's own code.
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const limit = getLimit('attr.key.maxBytes');
const max = limit.max;

defineCheck(
  { operation: 'modify_group_attr', check: 'key-at-byte-limit', groupType: 'Public', evidence: limit, title: `a ${max}-byte multi-byte key is accepted` },
  async (ctx) => {
    const group = await ctx.createGroup();
    const key = textOfUtf8Bytes(max);
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }), `a key of ${max} UTF-8 bytes`);
    const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupAttrAry: Array<{ key: string }> }>(read);
    ctx.expectEqual(read, body.GroupAttrAry.map((a) => a.key), [key], 'the key reads back unchanged');
  },
);

defineCheck(
  { operation: 'modify_group_attr', check: 'key-past-byte-limit', groupType: 'Public', evidence: 'limit:attr.key.maxBytes#exceeded', title: `a ${max + 1}-byte multi-byte key is refused` },
  async (ctx) => {
    const group = await ctx.createGroup();
    const key = textOfUtf8Bytes(max + 1);
    await expectRefusalChangesNothing(ctx, group.groupId, 'attrs', async () => {
      ctx.expectErrorCode(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }), limit.exceeded, `a key of ${max + 1} UTF-8 bytes (${key.length} UTF-16 units)`);
    }, `a key of ${max + 1} bytes`);
  },
);

defineCheck(
  { operation: 'set_group_attr', check: 'key-past-byte-limit', groupType: 'Public', evidence: 'limit:attr.key.maxBytes#exceeded', title: `a ${max + 1}-byte multi-byte key is refused by set` },
  async (ctx) => {
    const group = await ctx.createGroup();
    const key = textOfUtf8Bytes(max + 1);
    await expectRefusalChangesNothing(ctx, group.groupId, 'attrs', async () => {
      ctx.expectErrorCode(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }), limit.exceeded, `a key of ${max + 1} UTF-8 bytes`);
    }, `a set with a key of ${max + 1} bytes`);
  },
);
