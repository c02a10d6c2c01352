// update_group_counter/mode-omitted: Mode omitted is treated as Set.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';

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
    ctx.expectOk(
      await ctx.call('update_group_counter', {
        GroupId: group.groupId,
        Mode: 'Set',
        GroupCounter: [{ Key: 'n', Value: 10 }],
      }),
    );
    const result = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      GroupCounter: [{ Key: 'n', Value: 3 }],
    });
    const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string; Value: number }> }>(result);
    ctx.expectEqual(
      result,
      body.GroupCounter?.find((c) => c.Key === 'n')?.Value,
      3,
      'without Mode the value is set, not added',
    );
  },
);
