// How the generated checks talk to each operation: a minimal valid request (with whatever the
// group needs first), and how to put a limit's amount into a request. Generated cases whose
// operation or limit has no entry here are reported as not run, so a new operation or limit in
// the spec shows up as a gap instead of passing silently.
import {
  getLimit,
  judgedPart,
  type CheckContext,
  type GroupFixture,
  type ResponseLike,
} from '../../test-utils/check/index.ts';
import {
  substituteFixtureGroup,
  textOfBytes,
  type LimitCase,
  type SampleCase,
} from '../../test-utils/generator/index.ts';
import { originalOperationId } from '../../test-utils/contract/index.ts';

export type Body = Record<string, unknown>;
/** `app` 'basic': the request goes to the app without the counters' edition (seed writes too). */
type Build = (ctx: CheckContext, group: GroupFixture, app?: 'basic') => Promise<Body>;

async function seedAttr(ctx: CheckContext, group: GroupFixture, key: string): Promise<void> {
  ctx.expectOk(
    await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key, value: 'v' }] }),
    'seed an attribute (set_group_attr)',
  );
}

/**
 * A table by operationId that also answers for a renamed copy of an operation (x-tim-copy-of in
 * a doubled spec run with TIM_SPEC) with the original's entry, so the copy's checks run.
 */
function byOperation<T>(table: Record<string, T>): Record<string, T> {
  return new Proxy(table, {
    get: (target, key) =>
      typeof key === 'string' && !Object.hasOwn(target, key)
        ? target[originalOperationId(key)]
        : Reflect.get(target, key),
  });
}

export const validRequests: Record<string, Build> = byOperation({
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
  update_group_counter: async (_ctx, group) => ({
    GroupId: group.groupId,
    Mode: 'Set',
    GroupCounter: [{ Key: 'c', Value: 1 }],
  }),
  delete_group_counter: async (_ctx, group) => ({ GroupId: group.groupId }),
  create_group: async (ctx, group) => ({ Type: group.type, Name: 'gen', GroupId: newGroupId(ctx) }),
  destroy_group: async (_ctx, group) => ({ GroupId: group.groupId }),
  get_group_info: async (_ctx, group) => ({ GroupIdList: [group.groupId] }),
  get_appid_group_list: async () => ({ Limit: 1 }),
});

/**
 * A custom id for a group a create_group case may create: it carries the run's prefix (the write
 * guard and the janitor know it) and is destroyed when the check ends, whatever the answer was,
 * so a target that wrongly accepts a refused request keeps nothing.
 */
function newGroupId(ctx: CheckContext, decorate: (id: string) => string = (id) => id): string {
  const id = decorate(`${ctx.target.groupIdPrefix}g${ctx.faker.string.alphanumeric({ length: 6, casing: 'lower' })}`);
  ctx.onCleanup(async () => {
    await ctx.call('destroy_group', { GroupId: id }, { allowForeignGroup: true, skipSchemaCheck: true });
  });
  return id;
}

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
    const perValue = getLimit('attr.value.maxBytes').max;
    const entries: { key: string; value: string }[] = [];
    for (let left = c.amount, i = 0; left > 0; left -= perValue, i += 1) {
      entries.push({ key: `k${i}`, value: textOfBytes(Math.min(perValue, left), variantOf(c), String(i)) });
    }
    return { GroupId: group.groupId, GroupAttr: entries };
  },
};

export const limitRequests: Record<string, Record<string, ApplyLimit>> = byOperation<Record<string, ApplyLimit>>({
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
  create_group: {
    'group.name.maxBytes': async (ctx, group, c) => ({
      Type: group.type,
      Name: textOfBytes(c.amount, variantOf(c)),
      GroupId: newGroupId(ctx),
    }),
    // The id is the run's prefix padded to the size (printable ASCII only, see limits.json charset).
    'group.customId.maxBytes': async (ctx, group, c) => ({
      Type: group.type,
      Name: 'gen',
      GroupId: newGroupId(ctx, (id) => (id + textOfBytes(c.amount, 'ascii')).slice(0, c.amount)),
    }),
  },
  get_group_info: {
    // Ids past the first need not exist: each unknown one is answered in its own entry.
    'group.infoList.maxCount': async (ctx, group, c) => ({
      GroupIdList: [
        group.groupId,
        ...Array.from({ length: c.amount - 1 }, (_, i) => `${ctx.target.groupIdPrefix}absent-${i}`),
      ],
    }),
  },
  get_appid_group_list: {
    'group.list.pageSize.max': async (_ctx, _group, c) => ({ Limit: c.amount }),
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
});

/** The sample on the check's own group; the keys a sample deletes exist first (a missing one is 10050). */
export async function sampleRequest(ctx: CheckContext, group: GroupFixture, c: SampleCase): Promise<Body> {
  const body = substituteFixtureGroup(c.body, group.groupId);
  // The sample creates a group with a system id; a run-scoped custom id lets the check remove it.
  const operation = originalOperationId(c.operation);
  if (operation === 'create_group') return { ...c.body, GroupId: newGroupId(ctx) };
  if (operation === 'delete_group_attr' && Array.isArray(body.GroupAttr)) {
    const keys = (body.GroupAttr as { key: string }[]).map((entry) => ({ key: entry.key, value: 'v' }));
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: keys }),
      'seed the attributes the sample deletes',
    );
  }
  return body;
}

type BuildRow = (ctx: CheckContext, group: GroupFixture) => Promise<Body>;

const attrListRows: Record<string, BuildRow> = {
  'empty-attr-list': async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [] }),
  'item-not-key-value-strings': async (_ctx, group) => ({
    GroupId: group.groupId,
    GroupAttr: [{ key: 'k', value: 1 }],
  }),
};

/** The request of each behaviour-profile row (x-tim-cases) that documents an error code. */
export const rowRequests: Record<string, Record<string, BuildRow>> = byOperation<Record<string, BuildRow>>({
  modify_group_attr: attrListRows,
  set_group_attr: attrListRows,
  delete_group_attr: {
    'missing-key': async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [{ key: 'absent' }] }),
    'empty-attr-list': async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [] }),
    'item-not-key-string': async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [{ key: 1 }] }),
  },
  update_group_counter: {
    'non-integer-value': async (_ctx, group) => ({
      GroupId: group.groupId,
      Mode: 'Set',
      GroupCounter: [{ Key: 'c', Value: 1.5 }],
    }),
    // 2^63 is one past the largest signed 64-bit value (JSON keeps it as 9223372036854775808-ish).
    'result-outside-int64': async (_ctx, group) => ({
      GroupId: group.groupId,
      Mode: 'Set',
      GroupCounter: [{ Key: 'c', Value: 2 ** 63 }],
    }),
  },
  create_group: {
    'custom-id-reserved-prefix': async (ctx, group) => ({
      Type: group.type === 'Community' ? 'Public' : group.type,
      Name: 'gen',
      GroupId: newGroupId(ctx, (id) => `@TGS#${id}`),
    }),
    'custom-id-not-printable-ascii': async (ctx, group) => ({
      Type: group.type,
      Name: 'gen',
      GroupId: newGroupId(ctx, (id) => `${id}\u00e9`),
    }),
    'community-custom-id-without-prefix': async (ctx) => ({ Type: 'Community', Name: 'gen', GroupId: newGroupId(ctx) }),
    'id-already-used': async (_ctx, group) => ({ Type: group.type, Name: 'gen', GroupId: group.groupId }),
    // The admin as the member: an account that exists on any app, so only the group type can refuse it.
    'avchatroom-member-list': async (ctx) => ({
      Type: 'AVChatRoom',
      Name: 'gen',
      GroupId: newGroupId(ctx),
      MemberList: [{ Member_Account: ctx.target.app.admin }],
    }),
  },
  destroy_group: {
    'destroyed-group-is-unknown': async (ctx, group) => {
      await ctx.destroyGroup(group);
      return { GroupId: group.groupId };
    },
  },
  get_group_info: {
    'unknown-group-per-entry': async (ctx) => ({
      GroupIdList: [
        `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`,
      ],
    }),
  },
});

/** get_group_info's first entry, judged as the answer (its ErrorCode is the group's). */
export function entryOfGroupInfo(ctx: CheckContext, result: ResponseLike): ResponseLike {
  const envelope = ctx.expectOk<{ GroupInfo?: unknown[] }>(
    result,
    'get_group_info answers OK and reports each group in its entry',
  );
  const entry = Array.isArray(envelope.GroupInfo) ? envelope.GroupInfo[0] : undefined;
  ctx.expectThat(result, typeof entry === 'object' && entry !== null, 'GroupInfo has an entry for the requested group');
  return judgedPart(result, { ActionStatus: 'FAIL', ErrorInfo: '', ...(entry as object) });
}

/** n attribute writes on one group that would each succeed alone. */
export const writeRateRequests: Record<string, (ctx: CheckContext, group: GroupFixture, n: number) => Promise<Body[]>> =
  byOperation({
    modify_group_attr: async (_ctx, group, n) =>
      Array.from({ length: n }, (_, i) => ({ GroupId: group.groupId, GroupAttr: [{ key: `k${i}`, value: 'v' }] })),
    set_group_attr: async (_ctx, group, n) =>
      Array.from({ length: n }, (_, i) => ({ GroupId: group.groupId, GroupAttr: [{ key: `k${i}`, value: 'v' }] })),
    clear_group_attr: async (_ctx, group, n) => Array.from({ length: n }, () => ({ GroupId: group.groupId })),
    delete_group_attr: async (ctx, group, n) => {
      // One write seeds a key per delete; then the window it opened passes before the burst.
      const keys = Array.from({ length: n }, (_, i) => `k${i}`);
      ctx.expectOk(
        await ctx.call('set_group_attr', {
          GroupId: group.groupId,
          GroupAttr: keys.map((key) => ({ key, value: 'v' })),
        }),
        'seed the keys to delete',
      );
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      return keys.map((key) => ({ GroupId: group.groupId, GroupAttr: [{ key }] }));
    },
  });

/** A little over the one-second rate window. */
const WINDOW_MS = 1_100;
