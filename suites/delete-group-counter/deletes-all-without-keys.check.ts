// delete_group_counter/deletes-all-without-keys
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { seedCounters, counterKeys, keysFor } from './deletes.ts';

for (const [check, body] of [
  ['no-keys-deletes-all', {}],
  ['empty-keys-deletes-all', { GroupCounterKeys: [] }],
] as const) {
  const c = operationCase('delete_group_counter', check);
  defineCheck(
    { operation: 'delete_group_counter', check, groupType: 'Public', evidence: c, title: c.description },
    async (ctx) => {
      const group = await ctx.createGroup();
      await seedCounters(ctx, group, keysFor(ctx, 3));
      ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId, ...body }), c);
      const { keys, result } = await counterKeys(ctx, group);
      ctx.expectEqual(result, keys, [], 'no counter is left');
    },
  );
}
