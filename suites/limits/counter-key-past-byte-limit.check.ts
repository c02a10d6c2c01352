// update_group_counter/counter-key-past-byte-limit
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const keyBytes = getLimit('counter.key.maxBytes');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'counter-key-past-byte-limit',
    groupType: 'Public',
    evidence: 'limit:counter.key.maxBytes#exceeded',
    title: `a ${keyBytes.max + 1}-byte multi-byte counter key is refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const Key = textOfUtf8Bytes(keyBytes.max + 1);
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'counters',
      async () => {
        ctx.expectErrorCode(
          await ctx.call('update_group_counter', {
            GroupId: group.groupId,
            Mode: 'Set',
            GroupCounter: [{ Key, Value: 1 }],
          }),
          keyBytes.exceeded,
          `a counter key of ${keyBytes.max + 1} UTF-8 bytes (${Key.length} UTF-16 units)`,
        );
      },
      `a counter key of ${keyBytes.max + 1} bytes`,
    );
  },
);
