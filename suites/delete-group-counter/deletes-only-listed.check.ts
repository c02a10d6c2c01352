// delete_group_counter/deletes-only-listed: Only the listed keys are deleted.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { seedCounters, counterKeys, keysFor } from './deletes.ts';

const onlyListed = operationCase('delete_group_counter', 'deletes-only-listed');

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'deletes-only-listed',
    groupType: 'Public',
    evidence: onlyListed,
    title: onlyListed.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const keys = keysFor(ctx, 4);
    await seedCounters(ctx, group, keys);
    ctx.expectErrorCode(
      await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: keys.slice(0, 2) }),
      onlyListed,
    );
    const read = await counterKeys(ctx, group);
    ctx.expectEqual(read.result, read.keys, keys.slice(2).sort(), 'exactly the unlisted counters remain');
  },
);
