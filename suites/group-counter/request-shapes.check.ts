// get_group_counter without keys returns every counter (capitalised Key/Value); update with Mode
// left out is treated as Set (inferred); a non-integer Value is refused (inferred).
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';

const all = operationCase('get_group_counter', 'all-when-no-keys');
const modeOmitted = operationCase('update_group_counter', 'mode-omitted');
const nonInteger = operationCase('update_group_counter', 'non-integer-value');

defineCheck(
  { operation: 'get_group_counter', check: 'all-when-no-keys', groupType: 'Public', evidence: all, title: all.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const counters = [{ Key: 'a', Value: 1 }, { Key: 'b', Value: 2 }];
    ctx.expectOk(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: counters }));
    const read = await ctx.call('get_group_counter', { GroupId: group.groupId });
    const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string }> }>(read);
    const sorted = [...(body.GroupCounter ?? [])].sort((x, y) => x.Key.localeCompare(y.Key));
    ctx.expectEqual(read, sorted, counters, 'every counter, as {Key, Value}');
  },
);

defineCheck(
  { operation: 'update_group_counter', check: 'mode-omitted', groupType: 'Public', evidence: modeOmitted, title: modeOmitted.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: [{ Key: 'n', Value: 10 }] }));
    const result = await ctx.call('update_group_counter', { GroupId: group.groupId, GroupCounter: [{ Key: 'n', Value: 3 }] });
    const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string; Value: number }> }>(result);
    ctx.expectEqual(result, body.GroupCounter?.find((c) => c.Key === 'n')?.Value, 3, 'without Mode the value is set, not added');
  },
);

defineCheck(
  { operation: 'update_group_counter', check: 'non-integer-value', groupType: 'Public', evidence: nonInteger, title: nonInteger.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectErrorCode(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: [{ Key: 'n', Value: 1.5 }] }), nonInteger);
  },
);
