// The attribute write window is one second long: N writes to a group, then, once a second has
// passed since their answers, N more, are all accepted (a longer window refuses the second burst).
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { WINDOW_MS } from './burst.ts';

const limit = getLimit('attr.writes.perGroupPerSecond');
const max = limit.max!;

defineCheck(
  { operation: 'modify_group_attr', check: 'write-rate-window-slides', groupType: 'Public', status: limit.status, docUrl: limit.docUrls[0]!, title: `${max} writes, a second's pause, ${max} more: all accepted` },
  async (ctx) => {
    const group = await ctx.createGroup();
    const burst = (round: number) => Promise.all(Array.from({ length: max }, (_, i) =>
      ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: `r${round}k${i}`, value: 'v' }] }, { pacing: false, retry: false })));
    for (const result of await burst(0)) ctx.expectOk(result, `write ${max} or fewer within one second`);
    // Every write of the first burst arrived before its answer, so all have left the window now.
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
    for (const result of await burst(1)) ctx.expectOk(result, `a write more than one second after the previous ${max}`);
  },
);
