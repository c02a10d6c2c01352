// clear_group_attr removes every key: get_group_attr then answers GroupAttrAry [].
import { checkEachGroupType, getOperation, GROUP_TYPES, operationCase } from '../../test-utils/check/index.ts';

const clears = operationCase('clear_group_attr', 'clears-every-key');
const groupTypes = getOperation('clear_group_attr')['x-tim-group-types'];
const supported = GROUP_TYPES.filter((type) => groupTypes[type].supported);

checkEachGroupType(
  {
    operation: 'clear_group_attr',
    check: 'clears-every-key',
    groupTypes: supported,
    evidence: clears,
    title: 'clear removes every key',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const attrs = ctx.faker.helpers.multiple(
      () => ({ key: ctx.faker.string.alphanumeric(8), value: ctx.faker.lorem.word() }),
      { count: 3 },
    );
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: attrs }),
      'seed three attributes',
    );
    ctx.expectOk(
      await ctx.call('clear_group_attr', { GroupId: group.groupId }),
      'clear_group_attr on a group with attributes',
    );
    const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupAttrAry: unknown }>(read);
    ctx.expectEqual(read, body.GroupAttrAry, [], 'after clear_group_attr, get_group_attr answers GroupAttrAry []');
  },
);
