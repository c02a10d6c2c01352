// get_group_attr/random-*-accepted, contenttype-*-accepted: random missing or outside
// 0..4294967295, or contenttype other than json, is accepted (inferred: tentative checks).
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const lenient = profileCase('signing.random-or-contenttype-invalid');

const variants = [
  { check: 'random-missing-accepted', query: { random: null }, what: 'without random' },
  { check: 'random-past-uint32-accepted', query: { random: '4294967296' }, what: 'with random=4294967296 (2^32)' },
  { check: 'random-negative-accepted', query: { random: '-1' }, what: 'with random=-1' },
  { check: 'random-not-a-number-accepted', query: { random: 'abc' }, what: 'with random=abc' },
  { check: 'contenttype-missing-accepted', query: { contenttype: null }, what: 'without contenttype' },
  { check: 'contenttype-not-json-accepted', query: { contenttype: 'xml' }, what: 'with contenttype=xml' },
] as const;

for (const { check, query, what } of variants) {
  defineCheck(
    { operation: 'get_group_attr', check, evidence: lenient, title: `get_group_attr ${what} is accepted` },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectErrorCode(
        await ctx.call('get_group_attr', { GroupId: group.groupId }, { query }),
        lenient,
        `get_group_attr ${what} is accepted`,
      );
    },
  );
}
