// How the generated checks talk to each operation: a minimal valid request (with whatever the
// group needs first), and how to put a limit's amount into a request. Generated cases whose
// operation or limit has no entry here are reported as not run, so a new operation or limit in
// the spec shows up as a gap instead of passing silently.
import { getLimit, type CheckContext, type GroupFixture } from '../../test-utils/check/index.ts';
import { substituteFixtureGroup, textOfBytes, type LimitCase, type SampleCase } from '../../test-utils/generator/index.ts';

export type Body = Record<string, unknown>;
type Build = (ctx: CheckContext, group: GroupFixture) => Promise<Body>;

async function seedAttr(ctx: CheckContext, group: GroupFixture, key: string): Promise<void> {
  ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }), 'seed an attribute (set_group_attr)');
}

export const validRequests: Record<string, Build> = {
  get_group_attr: async (_ctx, group) => ({ GroupId: group.groupId }),
  modify_group_attr: async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [{ key: 'k', value: 'v' }] }),
  set_group_attr: async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [{ key: 'k', value: 'v' }] }),
  clear_group_attr: async (_ctx, group) => ({ GroupId: group.groupId }),
  delete_group_attr: async (ctx, group) => {
    // A missing key is its own error (10050): the key to delete exists first.
    await seedAttr(ctx, group, 'k');
    return { GroupId: group.groupId, GroupAttr: [{ key: 'k' }] };
  },
  get_group_counter: async (_ctx, group) => ({ GroupId: group.groupId }),
  update_group_counter: async (_ctx, group) => ({ GroupId: group.groupId, Mode: 'Set', GroupCounter: [{ Key: 'c', Value: 1 }] }),
  delete_group_counter: async (_ctx, group) => ({ GroupId: group.groupId }),
  // Fixture operations that neither create nor leak groups; create_group has no builder (a
  // request that wrongly succeeded would create a group nothing cleans up).
  destroy_group: async (_ctx, group) => ({ GroupId: group.groupId }),
  get_group_info: async (_ctx, group) => ({ GroupIdList: [group.groupId] }),
  get_appid_group_list: async () => ({ Limit: 1 }),
};

type ApplyLimit = (ctx: CheckContext, group: GroupFixture, c: LimitCase) => Promise<Body>;

const variantOf = (c: LimitCase) => (c.variant === 'count' ? 'ascii' : c.variant);

/** The attribute writes take the same limits with the same request shape. */
const attrWriteLimits: Record<string, ApplyLimit> = {
  'attr.key.maxBytes': async (_ctx, group, c) => ({
    GroupId: group.groupId,
    GroupAttr: [{ key: textOfBytes(c.amount, variantOf(c)), value: 'v' }],
  }),
  'attr.value.maxBytes': async (_ctx, group, c) => ({
    GroupId: group.groupId,
    GroupAttr: [{ key: 'k', value: textOfBytes(c.amount, variantOf(c)) }],
  }),
  'attr.keys.maxCount': async (_ctx, group, c) => ({
    GroupId: group.groupId,
    GroupAttr: Array.from({ length: c.amount }, (_, i) => ({ key: `k${i}`, value: 'v' })),
  }),
  'attr.values.totalMaxBytes': async (_ctx, group, c) => {
    // Split the total over values no larger than the per-value limit.
    const perValue = getLimit('attr.value.maxBytes').max!;
    const entries: { key: string; value: string }[] = [];
    for (let left = c.amount, i = 0; left > 0; left -= perValue, i += 1) {
      entries.push({ key: `k${i}`, value: textOfBytes(Math.min(perValue, left), variantOf(c), String(i)) });
    }
    return { GroupId: group.groupId, GroupAttr: entries };
  },
};

export const limitRequests: Record<string, Record<string, ApplyLimit>> = {
  modify_group_attr: attrWriteLimits,
  set_group_attr: attrWriteLimits,
  delete_group_attr: {
    'attr.key.maxBytes': async (ctx, group, c) => {
      const key = textOfBytes(c.amount, variantOf(c));
      // At the limit the key is set first so the delete succeeds; past it, it cannot be set.
      if (c.position === 'at') await seedAttr(ctx, group, key);
      return { GroupId: group.groupId, GroupAttr: [{ key }] };
    },
  },
  update_group_counter: {
    'counter.key.maxBytes': async (_ctx, group, c) => ({
      GroupId: group.groupId,
      Mode: 'Set',
      GroupCounter: [{ Key: textOfBytes(c.amount, variantOf(c)), Value: 1 }],
    }),
    'counter.keys.maxCount': async (_ctx, group, c) => ({
      GroupId: group.groupId,
      Mode: 'Set',
      GroupCounter: Array.from({ length: c.amount }, (_, i) => ({ Key: `c${i}`, Value: 1 })),
    }),
  },
};

/** The sample on the check's own group; the keys a sample deletes exist first (a missing one is 10050). */
export async function sampleRequest(ctx: CheckContext, group: GroupFixture, c: SampleCase): Promise<Body> {
  const body = substituteFixtureGroup(c.body, group.groupId);
  if (c.operation === 'delete_group_attr' && Array.isArray(body.GroupAttr)) {
    const keys = (body.GroupAttr as { key: string }[]).map((entry) => ({ key: entry.key, value: 'v' }));
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: keys }), 'seed the attributes the sample deletes');
  }
  return body;
}
