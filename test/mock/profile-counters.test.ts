// The behaviour profile's "Group counters" rows, over real HTTP. Values are compared as exact
// text: the mock must write int64 values without going through a double.
import { describe, expect, it } from 'vitest';
import { GROUP_TYPES, getLimit, getOperation } from '../../test-utils/contract/index.ts';
import {
  callApi,
  caseCode,
  createGroup,
  groupTypeCode,
  limitCode,
  limitMax,
  profileCode,
  mockPerFile,
} from './helpers.ts';

const mock = mockPerFile({ rateLimits: false });

const INT64_MAX = getLimit('counter.value.int64').max64!;
const INT64_MIN = getLimit('counter.value.int64').min64!;
const VALUE_CODE = limitCode('counter.value.int64');
const COUNTER_OPS = ['get_group_counter', 'update_group_counter', 'delete_group_counter'];

/** Sends raw JSON text so that int64 literals reach the mock unrounded. */
async function update(
  groupId: string,
  items: [string, string][],
  mode?: string,
): Promise<{ code: number | undefined; text: string }> {
  const list = items.map(([key, value]) => `{"Key":${JSON.stringify(key)},"Value":${value}}`).join(',');
  const modeField = mode === undefined ? '' : `,"Mode":${JSON.stringify(mode)}`;
  const answer = await callApi(mock, 'update_group_counter', null, {
    rawBody: `{"GroupId":${JSON.stringify(groupId)},"GroupCounter":[${list}]${modeField}}`,
  });
  return { code: answer.body.ErrorCode, text: answer.text };
}

async function countersText(groupId: string, keys?: string[]): Promise<string> {
  const answer = await callApi(
    mock,
    'get_group_counter',
    keys === undefined ? { GroupId: groupId } : { GroupId: groupId, GroupCounterKeys: keys },
  );
  expect(answer.body.ErrorCode).toBe(0);
  return /"GroupCounter":(\[.*\])/.exec(answer.text)![1]!;
}

/** A new group holding these counters (one accepted update). */
async function groupWithCounters(items: [string, string][], mode = 'Set'): Promise<string> {
  const groupId = await createGroup(mock);
  expect((await update(groupId, items, mode)).code).toBe(0);
  return groupId;
}

describe('edition and group types', () => {
  it.each(COUNTER_OPS)('%s answers the edition code for the app without counters', async (operationId) => {
    const basic = mock.apps[1]!;
    const groupId = await createGroup(mock, 'Public', basic);
    const answer = await callApi(
      mock,
      operationId,
      { GroupId: groupId, GroupCounter: [{ Key: 'k', Value: 1 }], Mode: 'Set' },
      { app: basic },
    );
    expect(answer.body.ErrorCode).toBe(getOperation(operationId)['x-tim-edition']!.missing.code);
  });

  for (const operationId of COUNTER_OPS) {
    it.each(GROUP_TYPES)(`${operationId} on %s follows x-tim-group-types`, async (type) => {
      const groupId = await createGroup(mock, type);
      const support = getOperation(operationId)['x-tim-group-types'][type];
      const answer = await callApi(mock, operationId, {
        GroupId: groupId,
        GroupCounter: [{ Key: 'k', Value: 1 }],
        Mode: 'Set',
      });
      expect(answer.body.ErrorCode).toBe(support.supported ? 0 : support.rejectedWith!.code);
    });
  }

  it('Community is refused by all three counter operations (10007)', async () => {
    const groupId = await createGroup(mock, 'Community');
    for (const operationId of COUNTER_OPS)
      expect((await callApi(mock, operationId, { GroupId: groupId })).body.ErrorCode).toBe(
        groupTypeCode(operationId, 'Community'),
      );
  });
});

describe('update_group_counter', () => {
  it('Set, Increase and Decrease; a missing key starts at 0; the answer carries the resulting values', async () => {
    const groupId = await createGroup(mock);
    expect(await update(groupId, [['like', '5']], 'Set')).toEqual({
      code: 0,
      text: expect.stringContaining('"GroupCounter":[{"Key":"like","Value":5}]'),
    });
    expect(
      (
        await update(
          groupId,
          [
            ['like', '3'],
            ['new', '2'],
          ],
          'Increase',
        )
      ).text,
    ).toContain('"GroupCounter":[{"Key":"like","Value":8},{"Key":"new","Value":2}]');
    expect(
      (
        await update(
          groupId,
          [
            ['like', '10'],
            ['fresh', '4'],
          ],
          'Decrease',
        )
      ).text,
    ).toContain('"GroupCounter":[{"Key":"like","Value":-2},{"Key":"fresh","Value":-4}]');
    expect(await countersText(groupId)).toBe(
      '[{"Key":"like","Value":-2},{"Key":"new","Value":2},{"Key":"fresh","Value":-4}]',
    );
  });

  it('Mode omitted is treated as Set (tentative row)', async () => {
    const groupId = await createGroup(mock);
    await update(groupId, [['k', '10']], 'Set');
    expect(await update(groupId, [['k', '3']])).toMatchObject({
      code: caseCode('update_group_counter', 'mode-omitted'),
    });
    expect(await countersText(groupId)).toBe('[{"Key":"k","Value":3}]');
  });

  it('signed 64-bit values round-trip exactly', async () => {
    const groupId = await groupWithCounters([
      ['max', INT64_MAX],
      ['min', INT64_MIN],
      ['big', '9007199254740993'],
    ]);
    expect(await countersText(groupId)).toBe(
      `[{"Key":"max","Value":${INT64_MAX}},{"Key":"min","Value":${INT64_MIN}},{"Key":"big","Value":9007199254740993}]`,
    );
    expect((await update(groupId, [['big', '1']], 'Increase')).text).toContain('"Value":9007199254740994');
  });

  const rejected: [string, [string, string][], string | undefined, number][] = [
    ['Increase past the maximum', [['max', '1']], 'Increase', caseCode('update_group_counter', 'result-outside-int64')],
    ['Decrease past the minimum', [['min', '1']], 'Decrease', caseCode('update_group_counter', 'result-outside-int64')],
    ['Set one past the maximum', [['k', '9223372036854775808']], 'Set', VALUE_CODE],
    ['Set one past the minimum', [['k', '-9223372036854775809']], 'Set', VALUE_CODE],
    ['a fraction', [['k', '1.5']], 'Set', caseCode('update_group_counter', 'non-integer-value')],
    ['a string', [['k', '"5"']], 'Set', caseCode('update_group_counter', 'non-integer-value')],
    ['null', [['k', 'null']], 'Set', caseCode('update_group_counter', 'non-integer-value')],
    ['a boolean', [['k', 'true']], 'Set', caseCode('update_group_counter', 'non-integer-value')],
    ['an unknown Mode', [['k', '1']], 'Multiply', profileCode('groups.missing-group-id')],
    ['lower-case Mode', [['k', '1']], 'set', profileCode('groups.missing-group-id')],
  ];
  it.each(rejected)('%s is refused and nothing changes', async (_name, items, mode, code) => {
    const groupId = await groupWithCounters([
      ['max', INT64_MAX],
      ['min', INT64_MIN],
    ]);
    const before = await countersText(groupId);
    expect((await update(groupId, [['other', '1'], ...items], mode)).code).toBe(code);
    expect(await countersText(groupId)).toBe(before);
  });

  const keyMax = limitMax('counter.key.maxBytes');
  it.each([
    ['key at the byte limit', 'é'.repeat(keyMax / 2), 0],
    ['key one byte over', `${'é'.repeat(keyMax / 2)}x`, limitCode('counter.key.maxBytes')],
    [
      'key short in characters, long in bytes',
      '计'.repeat(Math.floor(keyMax / 3) + 1),
      limitCode('counter.key.maxBytes'),
    ],
  ])('%s', async (_name, key, code) => {
    const groupId = await createGroup(mock);
    expect((await update(groupId, [[key, '1']], 'Set')).code).toBe(code);
  });

  it('the counter count is checked on the state after the write', async () => {
    const max = limitMax('counter.keys.maxCount');
    const groupId = await createGroup(mock);
    const first = Array.from({ length: max - 1 }, (_, i): [string, string] => [`c${i}`, '1']);
    expect((await update(groupId, first, 'Set')).code).toBe(0);
    expect(
      (
        await update(
          groupId,
          [
            ['x', '1'],
            ['y', '1'],
          ],
          'Set',
        )
      ).code,
    ).toBe(limitCode('counter.keys.maxCount'));
    expect(
      (
        await update(
          groupId,
          [
            ['x', '1'],
            ['c0', '2'],
          ],
          'Increase',
        )
      ).code,
    ).toBe(0);
    expect((await update(groupId, [['one-too-many', '1']], 'Set')).code).toBe(limitCode('counter.keys.maxCount'));
  });

  it.each([
    ['missing', {}],
    ['empty', { GroupCounter: [] }],
    ['not an array', { GroupCounter: { Key: 'k', Value: 1 } }],
    ['Key missing', { GroupCounter: [{ Value: 1 }] }],
    ['Key a number', { GroupCounter: [{ Key: 1, Value: 1 }] }],
  ])('GroupCounter %s is an invalid parameter', async (_name, body) => {
    const groupId = await createGroup(mock);
    expect(
      (await callApi(mock, 'update_group_counter', { GroupId: groupId, Mode: 'Set', ...body })).body.ErrorCode,
    ).toBe(profileCode('groups.missing-group-id'));
  });
});

describe('get_group_counter and delete_group_counter', () => {
  const groupWithABC = (): Promise<string> =>
    groupWithCounters([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);

  it('get answers capitalised Key/Value, all counters without keys, the listed existing ones with keys', async () => {
    const groupId = await groupWithABC();
    expect(await countersText(groupId)).toBe('[{"Key":"a","Value":1},{"Key":"b","Value":2},{"Key":"c","Value":3}]');
    expect(await countersText(groupId, ['c', 'unknown', 'a'])).toBe('[{"Key":"c","Value":3},{"Key":"a","Value":1}]');
  });

  const deletes: [string, Record<string, unknown>, string, string][] = [
    ['no GroupCounterKeys deletes every counter', {}, '[]', 'no-keys-deletes-all'],
    ['GroupCounterKeys: [] deletes every counter', { GroupCounterKeys: [] }, '[]', 'empty-keys-deletes-all'],
    [
      'listed keys only',
      { GroupCounterKeys: ['b'] },
      '[{"Key":"a","Value":1},{"Key":"c","Value":3}]',
      'deletes-only-listed',
    ],
    [
      'unknown keys are ignored',
      { GroupCounterKeys: ['zzz', 'a'] },
      '[{"Key":"b","Value":2},{"Key":"c","Value":3}]',
      'unknown-keys-ignored',
    ],
  ];
  it.each(deletes)('delete: %s', async (_name, body, after, caseId) => {
    const groupId = await groupWithABC();
    expect((await callApi(mock, 'delete_group_counter', { GroupId: groupId, ...body })).body.ErrorCode).toBe(
      caseCode('delete_group_counter', caseId),
    );
    expect(await countersText(groupId)).toBe(after);
  });

  it.each(['get_group_counter', 'delete_group_counter'])(
    '%s: GroupCounterKeys of the wrong type is an invalid parameter',
    async (operationId) => {
      const groupId = await groupWithABC();
      for (const GroupCounterKeys of ['a', [1], { a: 1 }]) {
        expect((await callApi(mock, operationId, { GroupId: groupId, GroupCounterKeys })).body.ErrorCode).toBe(
          profileCode('groups.missing-group-id'),
        );
      }
      expect(await countersText(groupId)).toContain('"Key":"a"');
    },
  );

  it('__proto__ and constructor are ordinary counter keys', async () => {
    const groupId = await groupWithCounters(
      [
        ['__proto__', '1'],
        ['constructor', '2'],
      ],
      'Increase',
    );
    expect(await countersText(groupId)).toBe('[{"Key":"__proto__","Value":1},{"Key":"constructor","Value":2}]');
  });
});
