// Reading state back for "a refused write changes nothing": entries are sorted (order is not
// specified) and counter values compare exactly, so two int64 values a double cannot tell apart
// (9223372036854775807 and ...806) still differ.
import { describe, expect, it } from 'vitest';
import { expectRefusalChangesNothing, readGroupState } from '../../test-utils/check/read-back.ts';
import type { CheckContext } from '../../test-utils/check/context.ts';

/** A context whose reads answer the given texts in turn; expectations throw plain errors. */
function fakeContext(answers: string[]): CheckContext {
  const next = () => {
    const rawText = answers.shift()!;
    return { httpStatus: 200, rawText, body: JSON.parse(rawText), curl: 'curl ...' };
  };
  return {
    call: async () => next(),
    expectOk: (result: { body: unknown }) => result.body,
    expectEqual: (_result: unknown, actual: unknown, wanted: unknown, expected: string) => {
      if (JSON.stringify(actual) !== JSON.stringify(wanted))
        throw new Error(`${expected}: ${JSON.stringify(actual)} != ${JSON.stringify(wanted)}`);
    },
  } as unknown as CheckContext;
}

const counters = (pairs: string) => `{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","GroupCounter":[${pairs}]}`;

describe('readGroupState', () => {
  it('sorts attributes by key', async () => {
    const ctx = fakeContext([
      '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","GroupAttrAry":[{"key":"b","value":"2"},{"key":"a","value":"1"}]}',
    ]);
    expect((await readGroupState(ctx, 'g', 'attrs')).entries).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('keeps every digit of a counter value', async () => {
    const ctx = fakeContext([
      counters('{"Key":"n","Value":9223372036854775807},{"Key":"m","Value":-9223372036854775808}'),
    ]);
    expect((await readGroupState(ctx, 'g', 'counters')).entries).toEqual([
      ['m', '-9223372036854775808'],
      ['n', '9223372036854775807'],
    ]);
  });
});

describe('expectRefusalChangesNothing', () => {
  it('passes when the state reads back the same, in any order', async () => {
    const ctx = fakeContext([
      counters('{"Key":"a","Value":1},{"Key":"b","Value":2}'),
      counters('{"Key":"b","Value":2},{"Key":"a","Value":1}'),
    ]);
    await expectRefusalChangesNothing(ctx, 'g', 'counters', async () => {}, 'a refused write');
  });

  it('fails on a change a double would hide', async () => {
    const ctx = fakeContext([
      counters('{"Key":"n","Value":9223372036854775807}'),
      counters('{"Key":"n","Value":9223372036854775806}'),
    ]);
    await expect(expectRefusalChangesNothing(ctx, 'g', 'counters', async () => {}, 'a refused write')).rejects.toThrow(
      /changes nothing/,
    );
  });
});
