// update_group_counter/mode-omitted: Mode omitted is treated as Set.
import { defineCheck, operationCase, setCounters } from '../../test-utils/check/index.ts';
import { valueOf, type CounterBody } from './arithmetic.ts';

const modeOmitted = operationCase('update_group_counter', 'mode-omitted');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'mode-omitted',
    groupType: 'Public',
    evidence: modeOmitted,
    title: modeOmitted.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await setCounters(ctx, group.groupId, [{ Key: 'n', Value: 10 }], 'Set n = 10');
    const result = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      GroupCounter: [{ Key: 'n', Value: 3 }],
    });
    ctx.expectEqual(
      result,
      valueOf(ctx.expectOk<CounterBody>(result), 'n'),
      3,
      'without Mode the value is set, not added',
    );
  },
);
