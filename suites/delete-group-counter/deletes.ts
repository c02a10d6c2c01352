// delete_group_counter: without keys (or with []) every counter goes; with keys exactly those go
// and the rest stay; keys that do not exist are ignored.
// Shared by deletes-all-without-keys.check.ts, deletes-only-listed.check.ts, unknown-keys-ignored.check.ts.
import type { CheckContext, GroupFixture } from '../../test-utils/check/index.ts';

export async function seedCounters(ctx: CheckContext, group: GroupFixture, keys: string[]): Promise<void> {
  const GroupCounter = keys.map((Key, i) => ({ Key, Value: i + 1 }));
  ctx.expectOk(
    await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter }),
    'seed counters',
  );
}

export async function counterKeys(
  ctx: CheckContext,
  group: GroupFixture,
): Promise<{ keys: string[]; result: Awaited<ReturnType<CheckContext['call']>> }> {
  const result = await ctx.call('get_group_counter', { GroupId: group.groupId });
  const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string }> }>(
    result,
    'get_group_counter reads the counters back',
  );
  return { keys: (body.GroupCounter ?? []).map((c) => c.Key).sort(), result };
}

export const keysFor = (ctx: CheckContext, n: number) =>
  Array.from({ length: n }, (_, i) => `c${i}_${ctx.faker.string.alphanumeric(5)}`);
