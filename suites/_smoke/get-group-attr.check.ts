// A placeholder suite so the runner has something real to run until the suites of issue 5
// land: a fresh group answers get_group_attr with OK and an (empty) GroupAttrAry.
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

const getGroupAttr = getOperation('get_group_attr');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'smoke-fresh-group-ok',
    groupType: 'Public',
    evidence: getGroupAttr,
    title: 'a fresh group answers OK with an empty GroupAttrAry',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupAttrAry: unknown }>(result, 'get_group_attr on an existing group');
    ctx.expectEqual(result, body.GroupAttrAry, [], 'a group without attributes answers GroupAttrAry: []');
  },
);
