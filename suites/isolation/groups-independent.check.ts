// State isolation: writes to one group never change another group's attributes or counters.
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'other-group-unchanged',
    groupType: 'Public',
    evidence: 'modify_group_attr#other-group-unchanged',
    title: 'attribute writes stay in their group',
  },
  async (ctx) => {
    const [one, other] = await Promise.all([ctx.createGroup(), ctx.createGroup()]);
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: other.groupId, GroupAttr: [{ key: 'mine', value: 'kept' }] }),
    );
    ctx.expectOk(
      await ctx.call('modify_group_attr', {
        GroupId: one.groupId,
        GroupAttr: [
          { key: 'mine', value: 'changed' },
          { key: 'extra', value: 'x' },
        ],
      }),
    );
    ctx.expectOk(await ctx.call('clear_group_attr', { GroupId: one.groupId }));
    const read = await ctx.call('get_group_attr', { GroupId: other.groupId });
    const body = ctx.expectOk<{ GroupAttrAry: unknown }>(read);
    ctx.expectEqual(
      read,
      body.GroupAttrAry,
      [{ key: 'mine', value: 'kept' }],
      'the other group keeps its own attribute',
    );
  },
);

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'other-group-unchanged',
    groupType: 'Public',
    evidence: getOperation('update_group_counter'),
    title: 'counter writes stay in their group',
  },
  async (ctx) => {
    const [one, other] = await Promise.all([ctx.createGroup(), ctx.createGroup()]);
    ctx.expectOk(
      await ctx.call('update_group_counter', {
        GroupId: other.groupId,
        Mode: 'Set',
        GroupCounter: [{ Key: 'n', Value: 5 }],
      }),
    );
    ctx.expectOk(
      await ctx.call('update_group_counter', {
        GroupId: one.groupId,
        Mode: 'Increase',
        GroupCounter: [{ Key: 'n', Value: 3 }],
      }),
    );
    ctx.expectOk(await ctx.call('delete_group_counter', { GroupId: one.groupId }));
    const read = await ctx.call('get_group_counter', { GroupId: other.groupId });
    const body = ctx.expectOk<{ GroupCounter?: unknown }>(read);
    ctx.expectEqual(read, body.GroupCounter, [{ Key: 'n', Value: 5 }], 'the other group keeps its own counter');
  },
);
