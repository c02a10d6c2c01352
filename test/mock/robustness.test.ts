// Bad input never crashes the mock or corrupts its state; concurrent writes keep the limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prototypeViolations, snapshotPrototypes, stateViolations } from '../../fuzz/invariants.ts';
import { operations, validateEnvelope } from '../../test-utils/contract/index.ts';
import { parseJsonInt64, stringifyJsonInt64 } from '../../test-utils/mock/json-int64.ts';
import { callApi, createGroup, DEFAULT_FULL_APP, limitMax, mockPerFile } from './helpers.ts';

const mock = mockPerFile({ rateLimits: false });

const prototypesAtStart = snapshotPrototypes();

/** The state limits of schemas/limits.json on every group, and untouched prototypes (shared with the fuzzer). */
function checkInvariants(): void {
  expect(stateViolations(mock.state)).toEqual([]);
  expect(prototypeViolations(prototypesAtStart)).toEqual([]);
}

describe('parseJsonInt64', () => {
  it.each([
    ['{"v":9223372036854775807}', 9223372036854775807n],
    ['{"v":-9223372036854775808}', -9223372036854775808n],
    ['{"v":9007199254740993}', 9007199254740993n],
    ['{"v":12}', 12],
    ['{"v":1e300}', 1e300],
    // eslint-disable-next-line no-loss-of-precision -- the point: the parser must round like JavaScript does
    ['{"v":12345678901234567.5}', 12345678901234567.5],
  ])('%s', (text, expected) => {
    expect((parseJsonInt64(text) as { v: unknown }).v).toEqual(expected);
  });

  it('leaves digits inside strings alone', () => {
    expect(
      parseJsonInt64('{"s":"12345678901234567890","v":12345678901234567890,"e":"\\"99999999999999999\\""}'),
    ).toEqual({
      s: '12345678901234567890',
      v: 12345678901234567890n,
      e: '"99999999999999999"',
    });
  });

  it('rejects what JSON.parse rejects', () => {
    for (const text of ['{"v":01234567890123456789}', '{"v":12345678901234567890', '{', ''])
      expect(() => parseJsonInt64(text)).toThrow(SyntaxError);
  });

  it('round-trips any int64 and agrees with JSON.parse on everything else', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.jsonValue(), (big, other) => {
        const text = `{"big":${big},"other":${JSON.stringify(other)}}`;
        const parsed = parseJsonInt64(text) as { big: unknown; other: unknown };
        expect(BigInt(parsed.big as bigint | number)).toBe(big);
        expect(stringifyJsonInt64({ big })).toBe(`{"big":${big}}`);
        if (!/\d{16}/.test(JSON.stringify(other))) expect(parsed.other).toEqual(JSON.parse(JSON.stringify(other)));
      }),
    );
  });
});

describe('bad input', () => {
  it('random bodies of any shape to every operation: always an envelope, never a crash, state stays valid', async () => {
    const groupIds = [
      await createGroup(mock),
      await createGroup(mock, 'Community'),
      await createGroup(mock, 'AVChatRoom'),
    ];
    const ops = operations().map((op) => op.operationId);
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('__proto__', 'constructor', '', 'é'.repeat(40)),
      fc.bigInt().map(String),
    );
    const body = fc.oneof(
      fc.record(
        {
          GroupId: fc.oneof(fc.constantFrom(...groupIds), anyValue),
          GroupAttr: fc.oneof(
            fc.array(fc.record({ key: fc.oneof(fc.string(), anyValue), value: fc.oneof(fc.string(), anyValue) }), {
              maxLength: 20,
            }),
            anyValue,
          ),
          GroupCounter: fc.oneof(
            fc.array(
              fc.record({
                Key: fc.oneof(fc.string(), anyValue),
                Value: fc.oneof(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), anyValue),
              }),
              { maxLength: 22 },
            ),
            anyValue,
          ),
          GroupCounterKeys: fc.oneof(fc.array(fc.string()), anyValue),
          Mode: fc.oneof(fc.constantFrom('Set', 'Increase', 'Decrease'), anyValue),
          GroupIdList: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), anyValue),
          Type: fc.oneof(fc.constantFrom('Public', 'Community'), anyValue),
          Name: anyValue,
          Limit: anyValue,
          Next: anyValue,
        },
        { requiredKeys: [] },
      ),
      anyValue,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), body, async (operationId, value) => {
        const rawBody = stringifyJsonInt64(value).replace('"GroupAttr"', '"__proto__":{"polluted":1},"GroupAttr"');
        const answer = await callApi(mock, operationId, null, { rawBody });
        expect(answer.status).toBe(200);
        expect(validateEnvelope(answer.body).valid).toBe(true);
      }),
      { numRuns: 300, seed: 20240601 },
    );
    checkInvariants();
  });

  it('__proto__ as a body member neither pollutes nor confuses the handler', async () => {
    const groupId = await createGroup(mock);
    const rawBody = `{"__proto__":{"GroupAttr":[{"key":"x","value":"y"}]},"GroupId":"${groupId}","constructor":{"prototype":{"polluted":1}}}`;
    const answer = await callApi(mock, 'modify_group_attr', null, { rawBody });
    expect(answer.body.ErrorCode).not.toBe(0);
    checkInvariants();
  });

  it('deeply nested JSON is answered, not a stack overflow', async () => {
    const rawBody = `{"GroupId":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const answer = await callApi(mock, 'get_group_attr', null, { rawBody });
    expect(answer.status).toBe(200);
    expect(typeof answer.body.ErrorCode).toBe('number');
  });

  it('a huge query string and a huge usersig are refused cleanly', async () => {
    const answer = await callApi(mock, 'get_group_attr', { GroupId: 'x' }, { usersig: 'eJy'.repeat(3000) });
    expect(answer.status).toBe(200);
    expect(answer.body.ErrorCode).toBeGreaterThan(0);
  });
});

describe('concurrency', () => {
  it('concurrent writes to one group: the limits hold afterwards and every accepted write is there', async () => {
    const groupId = await createGroup(mock);
    const valueBytes = 1500;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        callApi(mock, 'modify_group_attr', {
          GroupId: groupId,
          GroupAttr: [{ key: `c${i}`, value: 'x'.repeat(valueBytes) }],
        }),
      ),
    );
    const accepted = answers
      .map((a, i) => (a.body.ErrorCode === 0 ? `c${i}` : null))
      .filter((k): k is string => k !== null);
    const snapshot = mock.state.snapshotGroup(DEFAULT_FULL_APP.sdkappid, groupId)!;
    expect(snapshot.attrs.map(([key]) => key).sort()).toEqual(accepted.sort());
    expect(accepted.length).toBe(
      Math.min(limitMax('attr.keys.maxCount'), Math.floor(limitMax('attr.values.totalMaxBytes') / valueBytes)),
    );
    checkInvariants();
  });

  it('concurrent Increase calls add up exactly', async () => {
    const groupId = await createGroup(mock);
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        callApi(mock, 'update_group_counter', {
          GroupId: groupId,
          GroupCounter: [{ Key: 'n', Value: 3 }],
          Mode: 'Increase',
        }),
      ),
    );
    expect(answers.every((a) => a.body.ErrorCode === 0)).toBe(true);
    expect(mock.state.snapshotGroup(DEFAULT_FULL_APP.sdkappid, groupId)!.counters).toEqual([['n', 180n]]);
  });

  it('concurrent create_group with one id: exactly one wins', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        callApi(mock, 'create_group', { Type: 'Public', Name: 'race', GroupId: 'race-id' }),
      ),
    );
    expect(answers.filter((a) => a.body.ErrorCode === 0)).toHaveLength(1);
  });
});
