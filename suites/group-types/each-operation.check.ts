// Every attribute and counter operation on a fresh group of each of the five types: the types the
// operation's x-tim-group-types supports succeed; the others (Community on clear_group_attr and
// on the counter operations) answer the documented rejection (10007).
import {
  checkEachGroupType,
  expectRefusalChangesNothing,
  getOperation,
  GROUP_TYPES,
} from '../../test-utils/check/index.ts';
import type { CheckContext, GroupFixture, GroupType } from '../../test-utils/check/index.ts';

type Ctx = CheckContext & { readonly groupType: GroupType };

/** A minimal valid request of each operation, with whatever the group needs first. */
const requests: Record<string, (ctx: Ctx, group: GroupFixture) => Promise<unknown>> = {
  get_group_attr: async (_ctx, group) => ({ GroupId: group.groupId }),
  modify_group_attr: async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [{ key: 'k', value: 'v' }] }),
  set_group_attr: async (_ctx, group) => ({ GroupId: group.groupId, GroupAttr: [{ key: 'k', value: 'v' }] }),
  clear_group_attr: async (_ctx, group) => ({ GroupId: group.groupId }),
  delete_group_attr: async (ctx, group) => {
    // Deleting needs an existing key (a missing one is 10050); Community supports delete, so the seed write succeeds.
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'k', value: 'v' }] }),
      'seed an attribute to delete',
    );
    return { GroupId: group.groupId, GroupAttr: [{ key: 'k' }] };
  },
  get_group_counter: async (_ctx, group) => ({ GroupId: group.groupId }),
  update_group_counter: async (_ctx, group) => ({
    GroupId: group.groupId,
    Mode: 'Set',
    GroupCounter: [{ Key: 'c', Value: 1 }],
  }),
  delete_group_counter: async (_ctx, group) => ({ GroupId: group.groupId }),
};

for (const [operationId, buildRequest] of Object.entries(requests)) {
  const operation = getOperation(operationId);
  const support = operation['x-tim-group-types'];
  checkEachGroupType(
    {
      operation: operationId,
      check: 'group-type',
      groupTypes: GROUP_TYPES,
      evidence: (type) => support[type].rejectedWith ?? support[type],
      title: 'a fresh group of this type is supported or rejected as documented',
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const body = await buildRequest(ctx, group);
      const rule = support[ctx.groupType];
      if (rule.supported) {
        ctx.expectOk(await ctx.call(operationId, body), `${operationId} supports ${ctx.groupType} groups`);
        return;
      }
      const refuse = async () => {
        ctx.expectErrorCode(
          await ctx.call(operationId, body),
          rule.rejectedWith!,
          `${operationId} does not support ${ctx.groupType} groups`,
        );
      };
      // A refused attribute operation changes nothing: the group's attributes (which this type
      // supports) read back as before. Counters of a type without counters cannot be read back.
      if (operation.family !== 'group-attr') return refuse();
      ctx.expectOk(
        await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'kept', value: 'v' }] }),
        'seed an attribute',
      );
      await expectRefusalChangesNothing(
        ctx,
        group.groupId,
        'attrs',
        refuse,
        `${operationId} on a ${ctx.groupType} group`,
      );
    },
  );
}
