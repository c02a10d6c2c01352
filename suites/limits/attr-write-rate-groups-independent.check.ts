// The attribute write rate is per group: N writes to each of two groups of one app, sent at once,
// are all accepted (a server counting the writes per app refuses half of them).
import { defineCheck } from '../../test-utils/check/index.ts';
import { burstWithinOneWindow } from './burst.ts';
import { MAX_WRITES, writeRate } from './write-rate-steps.ts';

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'write-rate-groups-independent',
    groupType: 'Public',
    evidence: writeRate,
    title: `${MAX_WRITES} writes in one second to each of two groups are all accepted`,
  },
  async (ctx) => {
    const groups = await Promise.all([ctx.createGroup(), ctx.createGroup()]);
    const send = (i: number) =>
      ctx.call(
        'modify_group_attr',
        { GroupId: groups[i % 2]!.groupId, GroupAttr: [{ key: `k${i}`, value: 'v' }] },
        { pacing: false, retry: false },
      );
    const results = await burstWithinOneWindow(ctx, 2 * MAX_WRITES, send);
    const refused = results.find((r) => r.body?.ErrorCode !== 0);
    ctx.expectThat(
      refused ?? results[0]!,
      refused === undefined,
      `${MAX_WRITES} writes to each of two groups within one second are all accepted (the rate is per group)`,
    );
  },
);
