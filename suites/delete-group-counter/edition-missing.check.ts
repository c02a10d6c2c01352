// delete_group_counter/edition-missing: the app without the counters edition
import { defineCheck, getOperation } from '../../test-utils/check/index.ts';

const op = getOperation('delete_group_counter');

const edition = op['x-tim-edition']!.missing;

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'edition-missing',
    groupType: 'Public',
    evidence: edition,
    title: 'the app without the counters edition',
  },
  async (ctx) => {
    ctx.requireBasicApp();
    const group = await ctx.createGroup({ app: 'basic' });
    ctx.expectErrorCode(
      await ctx.call('delete_group_counter', { GroupId: group.groupId }, { app: 'basic' }),
      edition,
      'delete_group_counter on an app without the edition',
    );
  },
);
