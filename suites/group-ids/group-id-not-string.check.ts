// A GroupId that is not a JSON string (a number, as a typed client might send an id that looks
// numeric) is an invalid parameter (10004), not an id to turn into a string and look up (which
// would answer "unknown group").
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const notString = profileCase('groups.missing-group-id');

for (const operation of ['get_group_attr', 'clear_group_attr', 'get_group_counter', 'delete_group_counter'] as const) {
  defineCheck(
    { operation, check: 'group-id-number', evidence: notString, title: 'a GroupId sent as a JSON number' },
    async (ctx) => {
      const groupId = ctx.faker.number.int({ min: 100_000_000, max: 999_999_999 });
      const result = await ctx.call(
        operation,
        { GroupId: groupId },
        { allowForeignGroup: true, skipSchemaCheck: true, retry: false },
      );
      ctx.expectErrorCode(result, notString, `${operation} with GroupId ${groupId} as a JSON number`);
    },
  );
}
