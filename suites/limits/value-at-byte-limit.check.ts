// modify_group_attr/value-at-byte-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const limit = getLimit('attr.value.maxBytes');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'value-at-byte-limit',
    groupType: 'Public',
    evidence: limit,
    title: `a ${max}-byte multi-byte value is accepted`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const value = textOfUtf8Bytes(max);
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'k', value }] }),
      `a value of ${max} UTF-8 bytes`,
    );
    const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupAttrAry: Array<{ value: string }> }>(read);
    ctx.expectThat(read, body.GroupAttrAry[0]?.value === value, 'the value reads back unchanged');
  },
);
