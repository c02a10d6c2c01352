// delete_group_counter: without keys (or with []) every counter goes; with keys exactly those go
// and the rest stay; keys that do not exist are ignored.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import type { CheckContext, GroupFixture } from '../../test-utils/check/index.ts';

async function seedCounters(ctx: CheckContext, group: GroupFixture, keys: string[]): Promise<void> {
  const GroupCounter = keys.map((Key, i) => ({ Key, Value: i + 1 }));
  ctx.expectOk(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter }), 'seed counters');
}

async function counterKeys(ctx: CheckContext, group: GroupFixture): Promise<{ keys: string[]; result: Awaited<ReturnType<CheckContext['call']>> }> {
  const result = await ctx.call('get_group_counter', { GroupId: group.groupId });
  const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string }> }>(result, 'get_group_counter reads the counters back');
  return { keys: (body.GroupCounter ?? []).map((c) => c.Key).sort(), result };
}

const keysFor = (ctx: CheckContext, n: number) => Array.from({ length: n }, (_, i) => `c${i}_${ctx.faker.string.alphanumeric(5)}`);

for (const [check, body] of [['no-keys-deletes-all', {}], ['empty-keys-deletes-all', { GroupCounterKeys: [] }]] as const) {
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

const onlyListed = operationCase('delete_group_counter', 'deletes-only-listed');
defineCheck(
  { operation: 'delete_group_counter', check: 'deletes-only-listed', groupType: 'Public', evidence: onlyListed, title: onlyListed.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const keys = keysFor(ctx, 4);
    await seedCounters(ctx, group, keys);
    ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: keys.slice(0, 2) }), onlyListed);
    const read = await counterKeys(ctx, group);
    ctx.expectEqual(read.result, read.keys, keys.slice(2).sort(), 'exactly the unlisted counters remain');
  },
);

const unknownKeys = operationCase('delete_group_counter', 'unknown-keys-ignored');
defineCheck(
  { operation: 'delete_group_counter', check: 'unknown-keys-ignored', groupType: 'Public', evidence: unknownKeys, title: unknownKeys.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const keys = keysFor(ctx, 2);
    await seedCounters(ctx, group, keys);
    ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: [keys[0], 'never_set_key'] }), unknownKeys);
    const read = await counterKeys(ctx, group);
    ctx.expectEqual(read.result, read.keys, [keys[1]], 'the listed existing key is gone, the other stays');
  },
);
