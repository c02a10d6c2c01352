// update_group_counter arithmetic: Set writes, Increase/Decrease add/subtract, a missing key
// starts at 0, and the answer carries the resulting values.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';

const startsAtZero = operationCase('update_group_counter', 'missing-key-starts-at-zero');
const returnsValues = operationCase('update_group_counter', 'returns-resulting-values');

type CounterBody = { GroupCounter?: Array<{ Key: string; Value: number }> };
const valueOf = (body: CounterBody, key: string) => body.GroupCounter?.find((c) => c.Key === key)?.Value;

defineCheck(
  { operation: 'update_group_counter', check: 'missing-key-starts-at-zero', groupType: 'Public', evidence: startsAtZero, title: startsAtZero.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const up = await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Increase', GroupCounter: [{ Key: 'up', Value: 7 }] });
    ctx.expectOk(up);
    const down = await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Decrease', GroupCounter: [{ Key: 'down', Value: 7 }] });
    ctx.expectOk(down);
    const read = await ctx.call('get_group_counter', { GroupId: group.groupId });
    const body = ctx.expectOk<CounterBody>(read);
    ctx.expectEqual(read, [valueOf(body, 'up'), valueOf(body, 'down')], [7, -7], 'Increase 7 and Decrease 7 of missing keys give 7 and -7');
  },
);

defineCheck(
  { operation: 'update_group_counter', check: 'set-increase-decrease', groupType: 'Public', evidence: returnsValues, title: 'Set, Increase and Decrease give the documented values' },
  async (ctx) => {
    const group = await ctx.createGroup();
    const base = ctx.faker.number.int({ min: -1000, max: 1000 });
    const step = ctx.faker.number.int({ min: 1, max: 100 });
    const set = await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: [{ Key: 'n', Value: base }] });
    ctx.expectEqual(set, valueOf(ctx.expectOk<CounterBody>(set), 'n'), base, `Set ${base} answers ${base}`);
    const inc = await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Increase', GroupCounter: [{ Key: 'n', Value: step }] });
    ctx.expectEqual(inc, valueOf(ctx.expectOk<CounterBody>(inc), 'n'), base + step, `Increase ${step} answers ${base + step}`);
    const dec = await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Decrease', GroupCounter: [{ Key: 'n', Value: step * 2 }] });
    ctx.expectEqual(dec, valueOf(ctx.expectOk<CounterBody>(dec), 'n'), base - step, `Decrease ${step * 2} answers ${base - step}`);
  },
);
