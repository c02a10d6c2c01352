// delete_group_counter: without keys (or with []) every counter goes; with keys exactly those go
// and the rest stay; keys that do not exist are ignored.
// Shared by deletes-all-without-keys.check.ts, deletes-only-listed.check.ts, unknown-keys-ignored.check.ts.
import { defineCheck, operationCase, type CheckContext, type GroupFixture } from '../../test-utils/check/index.ts';

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

export interface DeleteOutcome {
  /** How many fresh counters the group holds first. */
  seeded: number;
  /** The request past GroupId, given the seeded keys. */
  request: (keys: string[]) => Record<string, unknown>;
  /** The keys left after it. */
  left: (keys: string[]) => string[];
  what: string;
}

/** `delete_group_counter/<caseId>`: the delete answers as the case says and leaves exactly `left`. */
export function checkCounterDelete(caseId: string, { seeded, request, left, what }: DeleteOutcome): void {
  const c = operationCase('delete_group_counter', caseId);
  defineCheck(
    { operation: 'delete_group_counter', check: caseId, groupType: 'Public', evidence: c, title: c.description },
    async (ctx) => {
      const group = await ctx.createGroup();
      const keys = keysFor(ctx, seeded);
      await seedCounters(ctx, group, keys);
      ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId, ...request(keys) }), c);
      const read = await counterKeys(ctx, group);
      ctx.expectEqual(read.result, read.keys, left(keys).sort(), what);
    },
  );
}
