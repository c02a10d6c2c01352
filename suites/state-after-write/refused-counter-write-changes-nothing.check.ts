// A refused counter write changes nothing, not even its valid items: a write that changes an
// existing counter and also breaks a counter limit (one counter past the limit, a result outside
// signed 64-bit) is refused, and the counters read back exactly as before.
import { defineCheck, getLimit, profileCase } from '../../test-utils/check/index.ts';
import { expectRawCounterWriteRefused } from '../limits/counter-refusal.ts';

const unchanged = profileCase('counters.refused-write-changes-nothing');
const count = getLimit('counter.keys.maxCount');
const range = getLimit('counter.value.int64');
/** a = 1 and big = the int64 maximum: each refused write below also changes a. */
const seed = `{"Key":"a","Value":1},{"Key":"big","Value":${range.max64}}`;
const tooMany = Array.from({ length: count.max - 1 }, (_, i) => `{"Key":"n${i}","Value":1}`).join(',');

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'refused-write-changes-nothing',
    groupType: 'Public',
    evidence: unchanged,
    title: 'a counter write refused for a limit changes nothing',
  },
  async (ctx) => {
    await expectRawCounterWriteRefused(
      ctx,
      seed,
      'Set',
      `{"Key":"a","Value":2},${tooMany}`,
      `Set a = 2 with ${count.max - 1} new counters (${count.max + 1} after the write)`,
    );
    await expectRawCounterWriteRefused(
      ctx,
      seed,
      'Increase',
      '{"Key":"a","Value":1},{"Key":"big","Value":1}',
      'Increase a and big by 1 (big past the int64 maximum)',
    );
  },
);
