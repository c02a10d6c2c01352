// At most N calls per second to one API of one app: N + 1 calls sent at once get at least one
// refusal from the documented set of frequency codes. Run on the basic app so the main app's
// budget, which every other check shares, is untouched; on the real API only with --strict. Never
// beside another burst of this file (a mutants batch runs it once per variant): bursts sent
// together would slow each other past one second.
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow } from './burst.ts';

const limit = getLimit('api.calls.perSecond');

defineCheck(
  { operation: 'get_group_attr', check: 'api-call-rate', groupType: 'Public', status: limit.exceeded!.status, docUrl: limit.exceeded!.docUrls[0]!, title: `the call after ${limit.max} in one second to one API is refused`, timeout: 120_000, concurrent: false },
  async (ctx) => {
    if (ctx.target.kind === 'region' && !ctx.target.strict) ctx.notRun('bursting past the per-API call rate of a real app runs only with --strict');
    ctx.requireBasicApp();
    const group = await ctx.createGroup({ app: 'basic' });
    const results = await burstWithinOneWindow(ctx, limit.max! + 1, () => ctx.call('get_group_attr', { GroupId: group.groupId }, { app: 'basic', pacing: false, retry: false }));
    const refused = results.find((r) => r.body?.ErrorCode !== 0);
    ctx.expectErrorCode(refused ?? results[limit.max!]!, limit.exceeded!, `${limit.max! + 1} get_group_attr calls within one second`);
  },
);
