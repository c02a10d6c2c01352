// The counter limits gate: one counter past the limit (counted after the write), a key past its
// byte limit, a non-integer Value (1.5, "5") and a result outside signed 64-bit are each rejected
// with a non-zero ErrorCode, and the counters read back unchanged. Which code rejects them is not
// published; counter-limit-rejection-code.check.ts checks the inferred one, tentatively.
import { defineCheck, getLimit, profileCase } from '../../test-utils/check/index.ts';
import { expectRawCounterWriteRefused } from './counter-refusal.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const rejected = profileCase('counters.limit-rejected');
const count = getLimit('counter.keys.maxCount');
const keyBytes = getLimit('counter.key.maxBytes');
const range = getLimit('counter.value.int64');

interface Rejection {
  check: string;
  title: string;
  /** Counters set first (raw JSON items). */
  seed: string;
  mode: string;
  items: string;
}

const rejections: Rejection[] = [
  {
    check: 'counter-count-past-limit-rejected',
    title: `a new counter on a group holding ${count.max}`,
    seed: Array.from({ length: count.max }, (_, i) => `{"Key":"c${i}","Value":${i}}`).join(','),
    mode: 'Set',
    items: '{"Key":"one-more","Value":1}',
  },
  {
    check: 'counter-key-past-limit-rejected',
    title: `a counter key of ${keyBytes.max + 1} bytes`,
    seed: '{"Key":"a","Value":1}',
    mode: 'Set',
    items: `{"Key":${JSON.stringify(textOfUtf8Bytes(keyBytes.max + 1))},"Value":1}`,
  },
  {
    check: 'float-value-rejected',
    title: 'a Value of 1.5',
    seed: '{"Key":"a","Value":1}',
    mode: 'Set',
    items: '{"Key":"a","Value":1.5}',
  },
  {
    check: 'string-value-rejected',
    title: 'a Value of "5" (a string)',
    seed: '{"Key":"a","Value":1}',
    mode: 'Set',
    items: '{"Key":"a","Value":"5"}',
  },
  {
    check: 'int64-max-overflow-rejected',
    title: 'Increase by 1 from the int64 maximum',
    seed: `{"Key":"n","Value":${range.max64}}`,
    mode: 'Increase',
    items: '{"Key":"n","Value":1}',
  },
  {
    check: 'int64-min-overflow-rejected',
    title: 'Decrease by 1 from the int64 minimum',
    seed: `{"Key":"n","Value":${range.min64}}`,
    mode: 'Decrease',
    items: '{"Key":"n","Value":1}',
  },
];

for (const { check, title, seed, mode, items } of rejections) {
  defineCheck(
    {
      operation: 'update_group_counter',
      check,
      groupType: 'Public',
      evidence: rejected,
      title: `${title} is rejected and changes nothing`,
    },
    (ctx) => expectRawCounterWriteRefused(ctx, seed, mode, items, title),
  );
}
