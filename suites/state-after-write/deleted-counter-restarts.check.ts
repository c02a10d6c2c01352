// A counter removed by delete_group_counter is gone: an Increase on it starts again from 0, for a
// key deleted by name and for one deleted with every counter.
import { defineCheck, expectStateEquals, profileCase, readGroupState } from '../../test-utils/check/index.ts';

const gone = profileCase('counters.deleted-counter-gone');

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'increase-restarts-from-zero',
    groupType: 'Public',
    evidence: gone,
    title: 'Increase on a deleted counter starts from 0',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const update = (Mode: string, GroupCounter: Array<{ Key: string; Value: number }>) =>
      ctx.call('update_group_counter', { GroupId: group.groupId, Mode, GroupCounter }, { retry: false });
    ctx.expectOk(
      await update('Set', [
        { Key: 'n', Value: 7 },
        { Key: 'm', Value: 3 },
      ]),
      'Set n = 7, m = 3',
    );
    ctx.expectOk(
      await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: ['n'] }),
      'delete n',
    );
    ctx.expectOk(await update('Increase', [{ Key: 'n', Value: 2 }]), 'Increase n by 2');
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'counters'),
      [
        ['m', '3'],
        ['n', '2'],
      ],
      'n deleted and increased by 2 reads 2 (it started again from 0); m keeps 3',
    );
    ctx.expectOk(await ctx.call('delete_group_counter', { GroupId: group.groupId }), 'delete every counter');
    ctx.expectOk(await update('Decrease', [{ Key: 'm', Value: 1 }]), 'Decrease m by 1');
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'counters'),
      [['m', '-1']],
      'm deleted with every counter and decreased by 1 reads -1; n is gone',
    );
  },
);
