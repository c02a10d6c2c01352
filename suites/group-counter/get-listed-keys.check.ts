// get_group_counter with GroupCounterKeys answers exactly the listed counters, not every one.
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

const op = getOperation('get_group_counter');

defineCheck(
  {
    operation: 'get_group_counter',
    check: 'listed-keys-only',
    groupType: 'Public',
    evidence: op,
    title: 'with GroupCounterKeys only those counters are returned',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const counters = [
      { Key: 'a', Value: 1 },
      { Key: 'b', Value: 2 },
      { Key: 'c', Value: 3 },
    ];
    ctx.expectOk(
      await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: counters }),
      'seed three counters',
    );
    const read = await ctx.call('get_group_counter', { GroupId: group.groupId, GroupCounterKeys: ['c', 'a'] });
    const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string; Value: number }> }>(read);
    const sorted = [...(body.GroupCounter ?? [])].sort((x, y) => x.Key.localeCompare(y.Key));
    ctx.expectEqual(
      read,
      sorted,
      [
        { Key: 'a', Value: 1 },
        { Key: 'c', Value: 3 },
      ],
      'exactly the counters a and c, as {Key, Value}',
    );
  },
);
