// delete_group_attr frees the deleted key's slot and its value's bytes at once: on a group at both
// the key limit and the total-size limit, deleting one key makes room for a new key of the same size.
import { defineCheck, expectStateEquals, getLimit, profileCase, readGroupState } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from '../limits/utf8-text.ts';

const freed = profileCase('attrs.removed-keys-freed');
const maxKeys = getLimit('attr.keys.maxCount').max;
const total = getLimit('attr.values.totalMaxBytes').max;
const perValue = getLimit('attr.value.maxBytes').max;

/** maxKeys keys whose values add up to exactly `total`: a few large values, one byte for the rest. */
function fullSet(): Array<{ key: string; value: string }> {
  const small = maxKeys - Math.ceil(total / perValue);
  const large = maxKeys - small;
  const largeBytes = (total - small) / large;
  if (!Number.isInteger(largeBytes) || largeBytes > perValue)
    throw new Error('limits.json changed: pick another split of the total');
  return [
    ...Array.from({ length: large }, (_, i) => ({ key: `big${i}`, value: textOfUtf8Bytes(largeBytes) })),
    ...Array.from({ length: small }, (_, i) => ({ key: `small${i}`, value: 'v' })),
  ];
}

defineCheck(
  {
    operation: 'delete_group_attr',
    check: 'frees-slot-and-bytes',
    groupType: 'Public',
    evidence: freed,
    title: 'a deleted key frees its slot and its bytes at once',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const full = fullSet();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: full }),
      `${maxKeys} keys totalling ${total} bytes`,
    );
    ctx.expectOk(
      await ctx.call('delete_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'big0' }] }),
      'delete one large key',
    );
    const replacement = { key: 'fresh', value: full[0]!.value };
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [replacement] }),
      `a new key of the deleted one's size (${maxKeys} keys, ${total} bytes after the write)`,
    );
    const left = [...full.slice(1), replacement].map((a): [string, string] => [a.key, a.value]);
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'attrs'),
      left,
      'the deleted key is gone and the new key is there',
    );
  },
);
