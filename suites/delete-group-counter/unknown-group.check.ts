// delete_group_counter/unknown-group: a group that was never created
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownGroup = profileCase('groups.unknown-group');

defineCheck(
  {
    operation: 'delete_group_counter',
    check: 'unknown-group',
    evidence: unknownGroup,
    title: 'a group that was never created',
  },
  async (ctx) => {
    const missing = `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    ctx.expectErrorCode(
      await ctx.call('delete_group_counter', { GroupId: missing }, { allowForeignGroup: true }),
      unknownGroup,
    );
  },
);
