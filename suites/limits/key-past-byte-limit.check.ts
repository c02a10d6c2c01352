// {modify_group_attr,set_group_attr}/key-past-byte-limit
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const limit = getLimit('attr.key.maxBytes');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-past-byte-limit',
    groupType: 'Public',
    evidence: 'limit:attr.key.maxBytes#exceeded',
    title: `a ${max + 1}-byte multi-byte key is refused`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const key = textOfUtf8Bytes(max + 1);
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'attrs',
      async () => {
        ctx.expectErrorCode(
          await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }),
          limit.exceeded,
          `a key of ${max + 1} UTF-8 bytes (${key.length} UTF-16 units)`,
        );
      },
      `a key of ${max + 1} bytes`,
    );
  },
);

defineCheck(
  {
    operation: 'set_group_attr',
    check: 'key-past-byte-limit',
    groupType: 'Public',
    evidence: 'limit:attr.key.maxBytes#exceeded',
    title: `a ${max + 1}-byte multi-byte key is refused by set`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const key = textOfUtf8Bytes(max + 1);
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'attrs',
      async () => {
        ctx.expectErrorCode(
          await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }),
          limit.exceeded,
          `a key of ${max + 1} UTF-8 bytes`,
        );
      },
      `a set with a key of ${max + 1} bytes`,
    );
  },
);
