// A deleted counter no longer counts toward the counter limit: on a group at the limit, deleting
// one key makes room for one new key, and deleting every counter for as many as the limit.
import { defineCheck, expectStateEquals, getLimit, profileCase, readGroupState } from '../../test-utils/check/index.ts';

const gone = profileCase('counters.deleted-counter-gone');
const max = getLimit('counter.keys.maxCount').max;
const counters = (prefix: string) => Array.from({ length: max }, (_, i) => ({ Key: `${prefix}${i}`, Value: i }));

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'frees-counter-slots',
    groupType: 'Public',
    evidence: gone,
    title: `deleted counters free their slots (${max} per group)`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const set = (GroupCounter: Array<{ Key: string; Value: number }>, what: string) =>
      ctx
        .call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter })
        .then((r) => ctx.expectOk(r, what));
    await set(counters('old'), `${max} counters`);
    ctx.expectOk(
      await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: ['old0'] }),
      'delete one counter',
    );
    await set([{ Key: 'extra', Value: 1 }], `a new counter in the deleted one's slot (${max} after the write)`);
    ctx.expectOk(await ctx.call('delete_group_counter', { GroupId: group.groupId }), 'delete every counter');
    const fresh = counters('new');
    await set(fresh, `${max} new counters after deleting every counter`);
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'counters'),
      fresh.map((c) => [c.Key, String(c.Value)]),
      'only the new counters remain',
    );
  },
);
