// A refused attribute write changes nothing: for each attribute limit (key bytes, value bytes,
// key count and total bytes after the write), a write that also updates an existing key is
// refused with the limit's code, and the attributes read back exactly as before.
import { defineCheck, expectWriteRefused, getLimit, profileCase } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from '../limits/utf8-text.ts';

const unchanged = profileCase('attrs.refused-write-changes-nothing');
const keyBytes = getLimit('attr.key.maxBytes');
const valueBytes = getLimit('attr.value.maxBytes');
const keyCount = getLimit('attr.keys.maxCount');
const total = getLimit('attr.values.totalMaxBytes');
const seed = [
  { key: 'a', value: '1' },
  { key: 'b', value: '2' },
];
const change = { key: 'a', value: 'changed' };

/** Each limit's refused request: the existing key 'a' changed, plus what breaks the limit. */
const refusals = (operation: 'modify_group_attr' | 'set_group_attr') => [
  {
    limit: keyBytes,
    what: `a key of ${keyBytes.max + 1} bytes`,
    GroupAttr: [change, { key: textOfUtf8Bytes(keyBytes.max + 1), value: 'v' }],
  },
  {
    limit: valueBytes,
    what: `a value of ${valueBytes.max + 1} bytes`,
    GroupAttr: [change, { key: 'c', value: textOfUtf8Bytes(valueBytes.max + 1) }],
  },
  {
    limit: keyCount,
    what: `${keyCount.max + 1} keys after the write`,
    // set replaces the whole set, so it needs every key in the request; modify adds to the seed.
    GroupAttr: [
      change,
      ...Array.from({ length: keyCount.max + 1 - (operation === 'set_group_attr' ? 1 : seed.length) }, (_, i) => ({
        key: `n${i}`,
        value: 'v',
      })),
    ],
  },
  {
    limit: total,
    what: `values totalling more than ${total.max} bytes`,
    GroupAttr: [
      change,
      ...Array.from({ length: Math.floor(total.max / valueBytes.max) + 1 }, (_, i) => ({
        key: `big${i}`,
        value: textOfUtf8Bytes(valueBytes.max),
      })),
    ],
  },
];

for (const operation of ['modify_group_attr', 'set_group_attr'] as const) {
  defineCheck(
    {
      operation,
      check: 'refused-writes-change-nothing',
      groupType: 'Public',
      evidence: unchanged,
      title: 'a write refused for any attribute limit changes nothing',
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectOk(
        await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: seed }),
        'seed two attributes',
      );
      for (const { limit, what, GroupAttr } of refusals(operation)) {
        const send = () => ctx.call(operation, { GroupId: group.groupId, GroupAttr }, { retry: false });
        await expectWriteRefused(ctx, group.groupId, 'attrs', send, limit.exceeded, `${operation} with ${what}`);
      }
    },
  );
}
