// clear_group_attr with a missing, malformed, unknown or destroyed GroupId.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const missingGroupId = profileCase('groups.missing-group-id');
const malformed = profileCase('groups.malformed-group-id');
const unknownGroup = profileCase('groups.unknown-group');

defineCheck(
  { operation: 'clear_group_attr', check: 'missing-group-id', evidence: missingGroupId, title: 'GroupId left out' },
  async (ctx) => {
    ctx.expectErrorCode(await ctx.call('clear_group_attr', {}), missingGroupId, 'clear_group_attr without GroupId');
  },
);

defineCheck(
  { operation: 'clear_group_attr', check: 'malformed-group-id', evidence: malformed, title: 'an empty GroupId' },
  async (ctx) => {
    ctx.expectErrorCode(await ctx.call('clear_group_attr', { GroupId: '' }, { allowForeignGroup: true }), malformed, 'clear_group_attr with GroupId ""');
  },
);

defineCheck(
  { operation: 'clear_group_attr', check: 'unknown-group', evidence: unknownGroup, title: 'a group that was never created' },
  async (ctx) => {
    const missing = `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    ctx.expectErrorCode(await ctx.call('clear_group_attr', { GroupId: missing }, { allowForeignGroup: true }), unknownGroup, 'clear_group_attr on a never-created group');
  },
);

defineCheck(
  { operation: 'clear_group_attr', check: 'destroyed-group', evidence: unknownGroup, title: 'a group that was destroyed' },
  async (ctx) => {
    const group = await ctx.createGroup();
    await ctx.destroyGroup(group);
    ctx.expectErrorCode(await ctx.call('clear_group_attr', { GroupId: group.groupId }, { allowForeignGroup: true }), unknownGroup, 'clear_group_attr on a destroyed group');
  },
);
