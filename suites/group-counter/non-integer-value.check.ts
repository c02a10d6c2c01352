// update_group_counter/non-integer-value: A Value that is not an integer.
import { defineCheck, operationCase, updateCounters } from '../../test-utils/check/index.ts';

const nonInteger = operationCase('update_group_counter', 'non-integer-value');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'non-integer-value',
    groupType: 'Public',
    evidence: nonInteger,
    title: nonInteger.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectErrorCode(await updateCounters(ctx, group.groupId, 'Set', [{ Key: 'n', Value: 1.5 }]), nonInteger);
  },
);
