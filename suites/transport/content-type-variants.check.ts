// transport/content-type-variants: No Content-Type header, or application/json; charset=utf-8, is accepted.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const contentTypes = profileCase('transport.content-type-variants');

for (const [name, value] of [
  ['none', null],
  ['charset', 'application/json; charset=utf-8'],
] as const) {
  defineCheck(
    { operation: 'transport', check: `content-type-${name}`, evidence: contentTypes, title: contentTypes.description },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectErrorCode(
        await ctx.call('get_group_attr', { GroupId: group.groupId }, { headers: { 'content-type': value } }),
        contentTypes,
      );
    },
  );
}
