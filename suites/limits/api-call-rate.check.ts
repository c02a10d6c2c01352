// get_group_attr/api-call-rate
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow } from './burst.ts';

const limit = getLimit('api.calls.perSecond');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'api-call-rate',
    groupType: 'Public',
    evidence: 'limit:api.calls.perSecond#exceeded',
    title: `the call after ${limit.max} in one second to one API is refused`,
    timeout: 120_000,
    concurrent: false,
  },
  async (ctx) => {
    if (ctx.target.kind === 'region' && !ctx.target.strict)
      ctx.notRun('bursting past the per-API call rate of a real app runs only with --strict');
    ctx.requireBasicApp();
    const group = await ctx.createGroup({ app: 'basic' });
    const results = await burstWithinOneWindow(ctx, limit.max + 1, () =>
      ctx.call('get_group_attr', { GroupId: group.groupId }, { app: 'basic', pacing: false, retry: false }),
    );
    const refused = results.find((r) => r.body?.ErrorCode !== 0);
    ctx.expectErrorCode(
      refused ?? results[limit.max]!,
      limit.exceeded,
      `${limit.max + 1} get_group_attr calls within one second`,
    );
  },
);
