// get_group_attr/api-call-rate
import { defineCheck } from '../../test-utils/check/index.ts';
import { API_CALL_RATE, basicAppGroupForBurst, burstWithinOneWindow, MAX_CALLS } from './burst.ts';

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'api-call-rate',
    groupType: 'Public',
    evidence: 'limit:api.calls.perSecond#exceeded',
    title: `the call after ${MAX_CALLS} in one second to one API is refused`,
    timeout: 120_000,
    concurrent: false,
  },
  async (ctx) => {
    const group = await basicAppGroupForBurst(ctx, 'bursting past the per-API call rate');
    const results = await burstWithinOneWindow(ctx, MAX_CALLS + 1, () =>
      ctx.call('get_group_attr', { GroupId: group.groupId }, { app: 'basic', pacing: false, retry: false }),
    );
    const refused = results.find((r) => r.body?.ErrorCode !== 0);
    ctx.expectErrorCode(
      refused ?? results[MAX_CALLS]!,
      API_CALL_RATE.exceeded,
      `${MAX_CALLS + 1} get_group_attr calls within one second`,
    );
  },
);
