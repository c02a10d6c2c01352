// Apps are isolated: a group belongs to the app (SDKAppID) that created it. Every call another
// app makes on its GroupId answers as for a group that does not exist, and never reads or changes
// it: the owner reads it back unchanged afterwards (and it still exists after the other app's
// destroy_group). The target's second app (the basic one) plays the other app; from it the
// counter operations are left out, since it has no counters edition (10059 comes first).
import {
  callPastCallRateBursts,
  defineCheck,
  expectStateEquals,
  profileCase,
  readGroupState,
} from '../../test-utils/check/index.ts';
import type { CheckContext, GroupFixture } from '../../test-utils/check/index.ts';
import type { AppChoice } from '../../test-utils/fixtures/client-port.ts';

const isolated = profileCase('groups.other-app-group');

const ATTR_CALLS: Array<[string, Record<string, unknown>]> = [
  ['get_group_attr', {}],
  [
    'modify_group_attr',
    {
      GroupAttr: [
        { key: 'a', value: 'intruder' },
        { key: 'new', value: 'x' },
      ],
    },
  ],
  ['set_group_attr', { GroupAttr: [{ key: 'other', value: 'x' }] }],
  ['delete_group_attr', { GroupAttr: [{ key: 'a' }] }],
  ['clear_group_attr', {}],
];
const COUNTER_CALLS: Array<[string, Record<string, unknown>]> = [
  ['get_group_counter', {}],
  ['update_group_counter', { Mode: 'Increase', GroupCounter: [{ Key: 'n', Value: 1 }] }],
  ['delete_group_counter', {}],
];

function requireTwoApps(ctx: CheckContext): void {
  if (!ctx.target.basicApp)
    ctx.notRun('app isolation needs a second app on the target: set TIM_BASIC_SDKAPPID and TIM_BASIC_SECRET_KEY');
}

/** Every call from `intruder` on `group` answers "no such group"; destroy_group comes last. */
async function intrude(
  ctx: CheckContext,
  group: GroupFixture,
  intruder: AppChoice,
  calls: Array<[string, Record<string, unknown>]>,
): Promise<void> {
  for (const [operationId, body] of [...calls, ['destroy_group', {}] as [string, Record<string, unknown>]]) {
    const result = await callPastCallRateBursts(
      ctx,
      operationId,
      { GroupId: group.groupId, ...body },
      { app: intruder, retry: false },
    );
    ctx.expectErrorCode(result, isolated, `${operationId} by the ${intruder} app on a group of the other app`);
  }
}

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'other-app-group-not-found',
    groupType: 'Public',
    evidence: isolated,
    title: "another app's calls on a group answer 'no such group' and change nothing (attributes)",
  },
  async (ctx) => {
    requireTwoApps(ctx);
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: 'mine' }] }),
      'the owner sets an attribute',
    );
    ctx.expectOk(
      await ctx.call('update_group_counter', {
        GroupId: group.groupId,
        Mode: 'Set',
        GroupCounter: [{ Key: 'n', Value: 5 }],
      }),
      'the owner sets a counter',
    );
    await intrude(ctx, group, 'basic', ATTR_CALLS);
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'attrs'),
      [['a', 'mine']],
      'the owner reads its attribute unchanged',
    );
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'counters'),
      [['n', '5']],
      'the owner reads its counter unchanged',
    );
  },
);

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'other-app-group-not-found',
    groupType: 'Public',
    evidence: isolated,
    title: "another app's calls on a group answer 'no such group' and change nothing (counters too)",
  },
  async (ctx) => {
    requireTwoApps(ctx);
    const group = await ctx.createGroup({ app: 'basic' });
    ctx.expectOk(
      await ctx.call(
        'set_group_attr',
        { GroupId: group.groupId, GroupAttr: [{ key: 'a', value: 'mine' }] },
        { app: 'basic' },
      ),
      'the owner sets an attribute',
    );
    await intrude(ctx, group, 'main', [...ATTR_CALLS, ...COUNTER_CALLS]);
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'attrs', 'basic'),
      [['a', 'mine']],
      'the owner reads its attribute unchanged (its group still exists)',
    );
  },
);
