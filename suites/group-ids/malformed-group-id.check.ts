// A malformed GroupId (beyond the empty string, which bad-group checks): one byte over the
// custom-id limit, and characters outside printable ASCII, on attribute and counter operations.
// The id is refused as malformed, never looked up as if it could name a group.
import { defineCheck, getLimit, profileCase } from '../../test-utils/check/index.ts';

const malformed = profileCase('groups.malformed-group-id');
const idBytes = getLimit('group.customId.maxBytes');

const badIds: Array<{ name: string; what: string; id: (prefix: string) => string }> = [
  {
    name: 'too-long',
    what: `a GroupId of ${idBytes.max + 1} printable ASCII bytes`,
    id: (prefix) => prefix.padEnd(idBytes.max + 1, 'x'),
  },
  { name: 'non-ascii', what: 'a GroupId with characters outside printable ASCII', id: (prefix) => `${prefix}群组` },
  { name: 'control-char', what: 'a GroupId with a control character', id: (prefix) => `${prefix}a\tb` },
];

for (const operation of ['get_group_attr', 'clear_group_attr', 'get_group_counter', 'delete_group_counter'] as const) {
  for (const { name, what, id } of badIds) {
    defineCheck({ operation, check: `malformed-group-id-${name}`, evidence: malformed, title: what }, async (ctx) => {
      const result = await ctx.call(
        operation,
        { GroupId: id(ctx.target.groupIdPrefix) },
        { allowForeignGroup: true, retry: false },
      );
      ctx.expectErrorCode(result, malformed, `${operation} with ${what}`);
    });
  }
}
