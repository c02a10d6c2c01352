// A clear counts toward the group's attribute writes per second: one past the limit, sent at once
// on a group of its own, is refused (inferred: the pages name add, delete and modify only).
import { defineCheck, getLimit, operationCase } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow } from '../limits/burst.ts';

const counts = operationCase('clear_group_attr', 'counts-as-attr-write');
const perSecond = getLimit('attr.writes.perGroupPerSecond');

defineCheck(
  {
    operation: 'clear_group_attr',
    check: 'counts-as-attr-write',
    groupType: 'Public',
    evidence: counts,
    title: 'clear counts toward the per-group write rate',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const results = await burstWithinOneWindow(ctx, perSecond.max + 1, () =>
      ctx.call('clear_group_attr', { GroupId: group.groupId }, { pacing: false, retry: false }),
    );
    const refused = results.find((r) => r.body?.ErrorCode !== 0);
    ctx.expectErrorCode(
      refused ?? results[results.length - 1]!,
      counts,
      `${perSecond.max + 1} clear_group_attr calls on one group within one second`,
    );
  },
);
