// delete_group_counter/unknown-keys-ignored: Listed keys that do not exist are ignored.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { seedCounters, counterKeys, keysFor } from './deletes.ts';

const unknownKeys = operationCase('delete_group_counter', 'unknown-keys-ignored');

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'unknown-keys-ignored',
    groupType: 'Public',
    evidence: unknownKeys,
    title: unknownKeys.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const keys = keysFor(ctx, 2);
    await seedCounters(ctx, group, keys);
    ctx.expectErrorCode(
      await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: [keys[0], 'never_set_key'] }),
      unknownKeys,
    );
    const read = await counterKeys(ctx, group);
    ctx.expectEqual(read.result, read.keys, [keys[1]], 'the listed existing key is gone, the other stays');
  },
);
