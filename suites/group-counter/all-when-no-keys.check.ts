// get_group_counter/all-when-no-keys: Without GroupCounterKeys every counter of the group is returned.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';

const all = operationCase('get_group_counter', 'all-when-no-keys');

defineCheck(
  {
    operation: 'get_group_counter',
    check: 'all-when-no-keys',
    groupType: 'Public',
    evidence: all,
    title: all.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const counters = [
      { Key: 'a', Value: 1 },
      { Key: 'b', Value: 2 },
    ];
    ctx.expectOk(
      await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: counters }),
    );
    const read = await ctx.call('get_group_counter', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string }> }>(read);
    const sorted = [...(body.GroupCounter ?? [])].sort((x, y) => x.Key.localeCompare(y.Key));
    ctx.expectEqual(read, sorted, counters, 'every counter, as {Key, Value}');
  },
);
