// get_group_attr/lower-case-key-value: GroupAttrAry items are {key, value}
import { defineCheck } from '../../test-utils/check/index.ts';
import type { AttrBody } from './write-semantics.ts';

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'lower-case-key-value',
    groupType: 'Public',
    evidence: 'get_group_attr#response',
    title: 'GroupAttrAry items are {key, value}',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: '1' }] }),
    );
    const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<AttrBody>(read);
    ctx.expectEqual(
      read,
      body.GroupAttrAry,
      [{ key: 'a', value: '1' }],
      'get_group_attr lists lower-case key and value',
    );
  },
);
