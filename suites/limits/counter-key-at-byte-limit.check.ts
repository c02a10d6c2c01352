// update_group_counter/counter-key-at-byte-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const keyBytes = getLimit('counter.key.maxBytes');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'counter-key-at-byte-limit',
    groupType: 'Public',
    evidence: keyBytes,
    title: `a ${keyBytes.max}-byte multi-byte counter key is accepted`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const Key = textOfUtf8Bytes(keyBytes.max);
    ctx.expectOk(
      await ctx.call('update_group_counter', {
        GroupId: group.groupId,
        Mode: 'Set',
        GroupCounter: [{ Key, Value: 1 }],
      }),
      `a counter key of ${keyBytes.max} UTF-8 bytes`,
    );
  },
);
