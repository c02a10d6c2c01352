// clear_group_attr/unknown-group: a group that was never created
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownGroup = profileCase('groups.unknown-group');

defineCheck(
  {
    operation: 'clear_group_attr',
    check: 'unknown-group',
    evidence: unknownGroup,
    title: 'a group that was never created',
  },
  async (ctx) => {
    const missing = `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    ctx.expectErrorCode(
      await ctx.call('clear_group_attr', { GroupId: missing }, { allowForeignGroup: true }),
      unknownGroup,
      'clear_group_attr on a never-created group',
    );
  },
);
