// get_group_attr/query-parameter-missing
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const missing = [
  { param: 'sdkappid', expected: profileCase('signing.sdkappid-missing') },
  { param: 'identifier', expected: profileCase('signing.identifier-missing') },
  { param: 'usersig', expected: profileCase('signing.usersig-missing') },
] as const;

for (const { param, expected } of missing) {
  defineCheck(
    {
      operation: 'get_group_attr',
      check: `${param}-missing`,
      evidence: expected,
      title: `the ${param} query parameter left out`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const result = await ctx.call(
        'get_group_attr',
        { GroupId: group.groupId },
        { query: { [param]: null }, retry: false },
      );
      ctx.expectErrorCode(result, expected, `get_group_attr without ${param}`);
    },
  );
}
