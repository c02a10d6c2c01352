// update_group_counter/counter-count-at-limit
import { defineCheck, getLimit, setCounters } from '../../test-utils/check/index.ts';
import { counters } from './counter-limits.ts';

const count = getLimit('counter.keys.maxCount');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'counter-count-at-limit',
    groupType: 'Public',
    evidence: count,
    title: `${count.max} counters are accepted`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await setCounters(ctx, group.groupId, counters(count.max), `${count.max} counters`);
  },
);
