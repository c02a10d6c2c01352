// update_group_counter/missing-key-starts-at-zero: Increase or Decrease of a key that does not exist starts from 0.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { type CounterBody, valueOf } from './arithmetic.ts';

const startsAtZero = operationCase('update_group_counter', 'missing-key-starts-at-zero');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'missing-key-starts-at-zero',
    groupType: 'Public',
    evidence: startsAtZero,
    title: startsAtZero.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const up = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      Mode: 'Increase',
      GroupCounter: [{ Key: 'up', Value: 7 }],
    });
    ctx.expectOk(up);
    const down = await ctx.call('update_group_counter', {
      GroupId: group.groupId,
      Mode: 'Decrease',
      GroupCounter: [{ Key: 'down', Value: 7 }],
    });
    ctx.expectOk(down);
    const read = await ctx.call('get_group_counter', { GroupId: group.groupId });
    const body = ctx.expectOk<CounterBody>(read);
    ctx.expectEqual(
      read,
      [valueOf(body, 'up'), valueOf(body, 'down')],
      [7, -7],
      'Increase 7 and Decrease 7 of missing keys give 7 and -7',
    );
  },
);
