// update_group_counter/counter-count-after-write: one counter past the limit, counted after the write, is refused
import {
  defineCheck,
  expectWriteRefused,
  getLimit,
  setCounters,
  updateCounters,
} from '../../test-utils/check/index.ts';
import { counters } from './counter-limits.ts';

const count = getLimit('counter.keys.maxCount');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'counter-count-after-write',
    groupType: 'Public',
    evidence: 'limit:counter.keys.maxCount#exceeded',
    title: 'one counter past the limit, counted after the write, is refused',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await setCounters(ctx, group.groupId, counters(count.max), `${count.max} counters`);
    const oneMore = () => updateCounters(ctx, group.groupId, 'Set', counters(1, count.max));
    await expectWriteRefused(
      ctx,
      group.groupId,
      'counters',
      oneMore,
      count.exceeded,
      `a new counter on a group holding ${count.max}`,
    );
  },
);
