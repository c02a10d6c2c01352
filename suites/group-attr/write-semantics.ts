// The attribute writes: modify upserts and keeps the rest, set replaces the whole set, delete
// removes only the listed keys and refuses a missing one; get answers lower-case key/value.
// Shared by upsert-keeps-others.check.ts, replaces-whole-set.check.ts, deletes-only-listed.check.ts, missing-key.check.ts, lower-case-key-value.check.ts.
import type { CheckContext, GroupFixture } from '../../test-utils/check/index.ts';
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
