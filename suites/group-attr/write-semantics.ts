// The attribute writes: modify upserts and keeps the rest, set replaces the whole set, delete
// removes only the listed keys and refuses a missing one; get answers lower-case key/value.
// Shared by upsert-keeps-others.check.ts, replaces-whole-set.check.ts, deletes-only-listed.check.ts, lower-case-key-value.check.ts.
import { defineCheck, operationCase, type CheckContext, type GroupFixture } from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';

export type AttrBody = { GroupAttrAry: Array<Record<string, unknown>> };

export async function readAttrs(
  ctx: CheckContext,
  group: GroupFixture,
): Promise<{ read: CallResult; attrs: Record<string, unknown> }> {
  const read = await ctx.call('get_group_attr', { GroupId: group.groupId });
  const body = ctx.expectOk<AttrBody>(read, 'get_group_attr reads the attributes back');
  const attrs = Object.fromEntries(body.GroupAttrAry.map((a) => [a.key, a.value]));
  return { read, attrs };
}

/** Writes the given attributes with modify_group_attr, the starting state of a write check. */
export async function seedAttrs(ctx: CheckContext, group: GroupFixture, attrs: Record<string, string>): Promise<void> {
  const GroupAttr = Object.entries(attrs).map(([key, value]) => ({ key, value }));
  ctx.expectOk(await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr }), 'seed the attributes');
}

export interface WriteOutcome {
  /** The attributes the group holds first. */
  before: Record<string, string>;
  /** The write's GroupAttr. */
  write: Array<{ key: string; value?: string }>;
  /** Exactly what the group holds after it. */
  after: Record<string, string>;
  what: string;
}

/** `<operation>/<caseId>`: from `before`, the write is accepted and leaves exactly `after`. */
export function checkWriteOutcome(
  operation: 'modify_group_attr' | 'set_group_attr' | 'delete_group_attr',
  caseId: string,
  { before, write, after, what }: WriteOutcome,
): void {
  const c = operationCase(operation, caseId);
  defineCheck({ operation, check: caseId, groupType: 'Public', evidence: c, title: c.description }, async (ctx) => {
    const group = await ctx.createGroup();
    await seedAttrs(ctx, group, before);
    ctx.expectOk(await ctx.call(operation, { GroupId: group.groupId, GroupAttr: write }));
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, after, what);
  });
}
