// The values' total is taken on the state after the write: values adding up to the limit are
// accepted; one more byte in a further write is refused.
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const total = getLimit('attr.values.totalMaxBytes');
const perValue = getLimit('attr.value.maxBytes').max;

/** Values of at most perValue bytes adding up to exactly `bytes`. */
function attrsTotalling(bytes: number): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (let left = bytes, i = 0; left > 0; i++) {
    const size = Math.min(perValue, left);
    out.push({ key: `k${i}`, value: textOfUtf8Bytes(size) });
    left -= size;
  }
  return out;
}

defineCheck(
  { operation: 'modify_group_attr', check: 'total-bytes-at-limit', groupType: 'Public', evidence: total, title: `values totalling ${total.max} bytes are accepted` },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: attrsTotalling(total.max) }), `values totalling ${total.max} bytes`);
  },
);

defineCheck(
  { operation: 'modify_group_attr', check: 'total-bytes-after-write', groupType: 'Public', evidence: 'limit:attr.values.totalMaxBytes#exceeded', title: 'one more byte on a full group is refused' },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrsTotalling(total.max) }), `values totalling ${total.max} bytes`);
    await expectRefusalChangesNothing(ctx, group.groupId, 'attrs', async () => {
      ctx.expectErrorCode(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'extra', value: 'x' }] }), total.exceeded, `a one-byte value on a group holding ${total.max} bytes`);
    }, `a one-byte value on a full group`);
  },
);
