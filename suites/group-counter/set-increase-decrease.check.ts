// update_group_counter/set-increase-decrease: Set, Increase and Decrease give the documented values
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { type CounterBody, valueOf } from './arithmetic.ts';

const returnsValues = operationCase('update_group_counter', 'returns-resulting-values');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'set-increase-decrease',
    groupType: 'Public',
    evidence: returnsValues,
    title: 'Set, Increase and Decrease give the documented values',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const base = ctx.faker.number.int({ min: -1000, max: 1000 });
    const step = ctx.faker.number.int({ min: 1, max: 100 });
    const set = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      Mode: 'Set',
      GroupCounter: [{ Key: 'n', Value: base }],
    });
    ctx.expectEqual(set, valueOf(ctx.expectOk<CounterBody>(set), 'n'), base, `Set ${base} answers ${base}`);
    const inc = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      Mode: 'Increase',
      GroupCounter: [{ Key: 'n', Value: step }],
    });
    ctx.expectEqual(
      inc,
      valueOf(ctx.expectOk<CounterBody>(inc), 'n'),
      base + step,
      `Increase ${step} answers ${base + step}`,
    );
    const dec = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      Mode: 'Decrease',
      GroupCounter: [{ Key: 'n', Value: step * 2 }],
    });
    ctx.expectEqual(
      dec,
      valueOf(ctx.expectOk<CounterBody>(dec), 'n'),
      base - step,
      `Decrease ${step * 2} answers ${base - step}`,
    );
  },
);
