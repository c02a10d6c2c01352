// delete_group_counter refusals: the app without the counters edition (10059), a Community
// group (10007), an unknown or destroyed group, a missing GroupId.
import { defineCheck, getOperation, profileCase } from '../../test-utils/check/index.ts';

const op = getOperation('delete_group_counter');
const edition = op['x-tim-edition']!.missing;
const community = op['x-tim-group-types'].Community;
const unknownGroup = profileCase('groups.unknown-group');
const missingGroupId = profileCase('groups.missing-group-id');

defineCheck(
  { operation: 'delete_group_counter', check: 'edition-missing', groupType: 'Public', evidence: edition, title: 'the app without the counters edition' },
  async (ctx) => {
    ctx.requireBasicApp();
    const group = await ctx.createGroup({ app: 'basic' });
    ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId }, { app: 'basic' }), edition, 'delete_group_counter on an app without the edition');
  },
);

defineCheck(
  { operation: 'delete_group_counter', check: 'community-rejected', groupType: 'Community', evidence: community, title: 'a Community group has no counters' },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId, GroupCounterKeys: ['c'] }), community.rejectedWith!);
  },
);

defineCheck(
  { operation: 'delete_group_counter', check: 'unknown-group', evidence: unknownGroup, title: 'a group that was never created' },
  async (ctx) => {
    const missing = `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: missing }, { allowForeignGroup: true }), unknownGroup);
  },
);

defineCheck(
  { operation: 'delete_group_counter', check: 'destroyed-group', evidence: unknownGroup, title: 'a group that was destroyed' },
  async (ctx) => {
    const group = await ctx.createGroup();
    await ctx.destroyGroup(group);
    ctx.expectErrorCode(await ctx.call('delete_group_counter', { GroupId: group.groupId }, { allowForeignGroup: true }), unknownGroup);
  },
);

defineCheck(
  { operation: 'delete_group_counter', check: 'missing-group-id', evidence: missingGroupId, title: 'GroupId left out' },
  async (ctx) => {
    ctx.expectErrorCode(await ctx.call('delete_group_counter', {}), missingGroupId);
  },
);
