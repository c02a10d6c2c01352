// Tentative: the code that rejects a counter-limit or int64 violation. No dedicated code is
// published; 10004 (invalid parameter) is inferred. counter-limit-rejected.check.ts gates the
// rejection itself.
import { defineCheck, getLimit, profileCase, updateCountersRaw } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const code = profileCase('counters.limit-rejection-code');
const count = getLimit('counter.keys.maxCount');
const keyBytes = getLimit('counter.key.maxBytes');
const range = getLimit('counter.value.int64');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'limit-rejection-code',
    groupType: 'Public',
    evidence: code,
    title: 'counter-limit rejections answer the inferred code',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const raw = (mode: string, items: string) => updateCountersRaw(ctx, group.groupId, mode, items);
    ctx.expectOk(
      await raw(
        'Set',
        Array.from({ length: count.max - 1 }, (_, i) => `{"Key":"c${i}","Value":${i}}`)
          .concat(`{"Key":"top","Value":${range.max64}}`)
          .join(','),
      ),
      `seed ${count.max} counters, one at the int64 maximum`,
    );
    const cases: Array<[string, string, string]> = [
      ['Set', '{"Key":"one-more","Value":1}', `counter ${count.max + 1}`],
      [
        'Set',
        `{"Key":${JSON.stringify(textOfUtf8Bytes(keyBytes.max + 1))},"Value":1}`,
        `a key of ${keyBytes.max + 1} bytes`,
      ],
      ['Set', '{"Key":"c0","Value":1.5}', 'a Value of 1.5'],
      ['Set', '{"Key":"c0","Value":"5"}', 'a Value of "5"'],
      ['Increase', '{"Key":"top","Value":1}', 'Increase past the int64 maximum'],
    ];
    for (const [mode, items, what] of cases) ctx.expectErrorCode(await raw(mode, items), code, what);
  },
);
