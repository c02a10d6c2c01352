// transport/body-not-json: A body that is not valid JSON, is empty, or is not a JSON object.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const notJson = profileCase('transport.body-not-json');

for (const [name, rawBody] of [
  ['invalid', '{"GroupId":'],
  ['empty', ''],
  ['array', '[]'],
] as const) {
  defineCheck(
    { operation: 'transport', check: `body-${name}-json`, evidence: notJson, title: `a ${name} body` },
    async (ctx) => {
      const result = await ctx.call(
        'get_group_attr',
        {},
        { rawBody, allowForeignGroup: true, skipSchemaCheck: true, retry: false },
      );
      ctx.expectErrorCode(result, notJson);
    },
  );
}
