// A placeholder suite: a group that was never created is reported with the documented set of codes.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownGroup = profileCase('groups.unknown-group');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'smoke-unknown-group',
    evidence: unknownGroup,
    title: 'a never-created group is reported as unknown',
  },
  async (ctx) => {
    const missing = `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    const result = await ctx.call('get_group_attr', { GroupId: missing });
    ctx.expectErrorCode(result, unknownGroup, 'get_group_attr on a group that was never created');
  },
);
