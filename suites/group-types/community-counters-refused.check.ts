// The counter pages list Community as not supported (documented); which code refuses it is only
// inferred (10007, checked tentatively in each-operation). This gating check asks only what the
// documents state: on a Community group a counter operation fails, it never succeeds.
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

const requests = {
  get_group_counter: (groupId: string) => ({ GroupId: groupId }),
  update_group_counter: (groupId: string) => ({
    GroupId: groupId,
    Mode: 'Set',
    GroupCounter: [{ Key: 'c', Value: 1 }],
  }),
  delete_group_counter: (groupId: string) => ({ GroupId: groupId }),
} as const;

for (const [operation, body] of Object.entries(requests)) {
  const community = getOperation(operation)['x-tim-group-types'].Community;
  defineCheck(
    {
      operation,
      check: 'community-not-supported',
      groupType: 'Community',
      evidence: community,
      title: 'a Community group has no counters: the call fails',
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const result = await ctx.call(operation, body(group.groupId), { retry: false });
      const envelope = ctx.expectEnvelope(result);
      ctx.expectThat(
        result,
        envelope.ActionStatus === 'FAIL' && envelope.ErrorCode !== 0,
        `${operation} on a Community group fails (ActionStatus FAIL, a non-zero ErrorCode): the counter pages list Community as not supported`,
      );
    },
  );
}
