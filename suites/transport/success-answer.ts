// The checks of what a success looks like on the wire: get_group_attr on a fresh group of the
// check's own succeeds, and one property of its answer is judged.
// Shared by envelope-on-success.check.ts and error-info-empty-on-success.check.ts.
import { defineCheck, type CheckContext, type Evidence } from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';

/** `get_group_attr/<check>`: `judge` the answer to a request that succeeds. */
export function checkSuccessAnswer(
  check: string,
  evidence: Evidence,
  title: string,
  judge: (ctx: CheckContext, result: CallResult) => void,
): void {
  defineCheck({ operation: 'get_group_attr', check, evidence, title }, async (ctx) => {
    const group = await ctx.createGroup();
    judge(ctx, await ctx.call('get_group_attr', { GroupId: group.groupId }));
  });
}
