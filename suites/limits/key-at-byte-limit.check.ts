// modify_group_attr/key-at-byte-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const limit = getLimit('attr.key.maxBytes');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-at-byte-limit',
    groupType: 'Public',
    evidence: limit,
    title: `a ${max}-byte multi-byte key is accepted`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const key = textOfUtf8Bytes(max);
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }),
      `a key of ${max} UTF-8 bytes`,
    );
    const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupAttrAry: Array<{ key: string }> }>(read);
    ctx.expectEqual(
      read,
      body.GroupAttrAry.map((a) => a.key),
      [key],
      'the key reads back unchanged',
    );
  },
);
