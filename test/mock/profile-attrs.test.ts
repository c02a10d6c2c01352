// The behaviour profile's "Group custom attributes" rows, over real HTTP.
import { describe, expect, it } from 'vitest';
import { GROUP_TYPES, getOperation, validateResponse } from '../../test-utils/contract/index.ts';
import {
  callApi,
  caseCode,
  createGroup,
  groupTypeCode,
  DEFAULT_FULL_APP,
  limitCode,
  limitMax,
  mockPerFile,
} from './helpers.ts';

const mock = mockPerFile({ rateLimits: false });

const KEY_MAX = limitMax('attr.key.maxBytes');
const VALUE_MAX = limitMax('attr.value.maxBytes');
const KEYS_MAX = limitMax('attr.keys.maxCount');
const TOTAL_MAX = limitMax('attr.values.totalMaxBytes');

type Attr = { key: string; value: string };
const attrs = (n: number, value = 'v', prefix = 'k'): Attr[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value }));

async function attrsOf(groupId: string): Promise<Attr[]> {
  const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId });
  expect(answer.body.ErrorCode).toBe(0);
  return answer.body['GroupAttrAry'] as Attr[];
}

/** A new group holding these attributes (one accepted modify). */
async function groupWithAttrs(GroupAttr: Attr[]): Promise<string> {
  const groupId = await createGroup(mock);
  expect((await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr })).body.ErrorCode).toBe(0);
  return groupId;
}

describe('group types', () => {
  const attrOps = ['get_group_attr', 'modify_group_attr', 'set_group_attr', 'delete_group_attr', 'clear_group_attr'];
  for (const operationId of attrOps) {
    it.each(GROUP_TYPES)(`${operationId} on %s follows x-tim-group-types`, async (type) => {
      const groupId = await createGroup(mock, type);
      await callApi(mock, 'set_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'k', value: 'v' }] });
      const body: Record<string, unknown> = { GroupId: groupId };
      if (operationId === 'modify_group_attr' || operationId === 'set_group_attr')
        body['GroupAttr'] = [{ key: 'k', value: 'w' }];
      if (operationId === 'delete_group_attr') body['GroupAttr'] = [{ key: 'k' }];
      const support = getOperation(operationId)['x-tim-group-types'][type];
      const answer = await callApi(mock, operationId, body);
      expect(answer.body.ErrorCode).toBe(support.supported ? 0 : support.rejectedWith?.code);
    });
  }

  it('Community is refused by clear_group_attr with 10007 (seed row) and its attributes survive', async () => {
    const groupId = await createGroup(mock, 'Community');
    await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'stay', value: '1' }] });
    expect((await callApi(mock, 'clear_group_attr', { GroupId: groupId })).body.ErrorCode).toBe(
      groupTypeCode('clear_group_attr', 'Community'),
    );
    expect(await attrsOf(groupId)).toEqual([{ key: 'stay', value: '1' }]);
  });
});

describe('semantics of the four writes', () => {
  it('modify upserts the listed keys and keeps the others', async () => {
    const groupId = await groupWithAttrs([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    await callApi(mock, 'modify_group_attr', {
      GroupId: groupId,
      GroupAttr: [
        { key: 'b', value: '3' },
        { key: 'c', value: '4' },
      ],
    });
    expect(await attrsOf(groupId)).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '3' },
      { key: 'c', value: '4' },
    ]);
  });

  it('set replaces the whole set', async () => {
    const groupId = await groupWithAttrs([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(
      (await callApi(mock, 'set_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'z', value: '9' }] })).body
        .ErrorCode,
    ).toBe(0);
    expect(await attrsOf(groupId)).toEqual([{ key: 'z', value: '9' }]);
  });

  it('clear removes every key; get then answers GroupAttrAry: []', async () => {
    const groupId = await groupWithAttrs(attrs(3));
    expect((await callApi(mock, 'clear_group_attr', { GroupId: groupId })).body.ErrorCode).toBe(0);
    const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId });
    expect(answer.text).toContain('"GroupAttrAry":[]');
    expect(validateResponse('get_group_attr', answer.body).valid).toBe(true);
  });

  it('delete removes only the listed keys', async () => {
    const groupId = await groupWithAttrs(attrs(3));
    expect(
      (await callApi(mock, 'delete_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'k1' }] })).body.ErrorCode,
    ).toBe(0);
    expect((await attrsOf(groupId)).map((a) => a.key)).toEqual(['k0', 'k2']);
  });

  it('delete of a key that does not exist answers 10050 and deletes nothing', async () => {
    const groupId = await groupWithAttrs(attrs(2));
    const answer = await callApi(mock, 'delete_group_attr', {
      GroupId: groupId,
      GroupAttr: [{ key: 'k0' }, { key: 'absent' }],
    });
    expect(answer.body.ErrorCode).toBe(caseCode('delete_group_attr', 'missing-key'));
    expect((await attrsOf(groupId)).map((a) => a.key)).toEqual(['k0', 'k1']);
  });

  it('get answers lower-case key/value members', async () => {
    const groupId = await groupWithAttrs([{ key: 'x', value: 'y' }]);
    const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId });
    expect(answer.text).toContain('"GroupAttrAry":[{"key":"x","value":"y"}]');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('%s is an ordinary key', async (key) => {
    const groupId = await createGroup(mock);
    expect(
      (await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr: [{ key, value: 'polluted?' }] })).body
        .ErrorCode,
    ).toBe(0);
    expect(await attrsOf(groupId)).toEqual([{ key, value: 'polluted?' }]);
    expect(({} as Record<string, unknown>)['polluted?']).toBeUndefined();
    expect((await callApi(mock, 'delete_group_attr', { GroupId: groupId, GroupAttr: [{ key }] })).body.ErrorCode).toBe(
      0,
    );
    expect(await attrsOf(groupId)).toEqual([]);
  });
});

describe('limits in UTF-8 bytes, on the state after the write', () => {
  const writes = ['modify_group_attr', 'set_group_attr'];
  for (const operationId of writes) {
    const rows: [string, Attr[], number][] = [
      ['key at the byte limit (2-byte characters)', [{ key: 'é'.repeat(KEY_MAX / 2), value: 'v' }], 0],
      ['key one byte over', [{ key: `${'é'.repeat(KEY_MAX / 2)}x`, value: 'v' }], limitCode('attr.key.maxBytes')],
      [
        'key short in characters, long in bytes (CJK)',
        [{ key: '键'.repeat(Math.floor(KEY_MAX / 3) + 1), value: 'v' }],
        limitCode('attr.key.maxBytes'),
      ],
      [
        'key short in characters, long in bytes (emoji)',
        [{ key: '😀'.repeat(KEY_MAX / 4 + 1), value: 'v' }],
        limitCode('attr.key.maxBytes'),
      ],
      ['value at the byte limit', [{ key: 'k', value: 'v'.repeat(VALUE_MAX) }], 0],
      ['value one byte over', [{ key: 'k', value: 'v'.repeat(VALUE_MAX + 1) }], limitCode('attr.value.maxBytes')],
      [
        'value one byte over in 3-byte characters',
        [{ key: 'k', value: `${'值'.repeat(Math.floor(VALUE_MAX / 3))}ab` }],
        limitCode('attr.value.maxBytes'),
      ],
      ['exactly the key count', attrs(KEYS_MAX), 0],
      ['one key too many', attrs(KEYS_MAX + 1), limitCode('attr.keys.maxCount')],
      ['exactly the total size', attrs(TOTAL_MAX / VALUE_MAX, 'x'.repeat(VALUE_MAX)), 0],
      [
        'one byte over the total size',
        [...attrs(TOTAL_MAX / VALUE_MAX, 'x'.repeat(VALUE_MAX)), { key: 'extra', value: 'y' }],
        limitCode('attr.values.totalMaxBytes'),
      ],
      ['empty list', [], caseCode(operationId, 'empty-attr-list')],
    ];
    it.each(rows)(`${operationId}: %s`, async (_name, GroupAttr, code) => {
      const groupId = await createGroup(mock);
      const answer = await callApi(mock, operationId, { GroupId: groupId, GroupAttr });
      expect(answer.body.ErrorCode).toBe(code);
      expect((await attrsOf(groupId)).length).toBe(code === 0 ? new Set(GroupAttr.map((a) => a.key)).size : 0);
    });

    const badItems: [string, unknown][] = [
      ['not an array', 'k=v'],
      ['item not an object', ['k']],
      ['item null', [null]],
      ['key missing', [{ value: 'v' }]],
      ['key a number', [{ key: 1, value: 'v' }]],
      ['value missing', [{ key: 'k' }]],
      ['value a number', [{ key: 'k', value: 5 }]],
      ['value an object', [{ key: 'k', value: { nested: true } }]],
    ];
    it.each(badItems)(`${operationId}: %s`, async (_name, GroupAttr) => {
      const groupId = await createGroup(mock);
      const expected =
        _name === 'not an array'
          ? caseCode(operationId, 'empty-attr-list')
          : caseCode(operationId, 'item-not-key-value-strings');
      expect((await callApi(mock, operationId, { GroupId: groupId, GroupAttr })).body.ErrorCode).toBe(expected);
    });
  }

  it('the key count is counted after the write: 10 existing + 7 new fails, 10 existing + 6 new passes', async () => {
    const groupId = await groupWithAttrs(attrs(10));
    const over = await callApi(mock, 'modify_group_attr', {
      GroupId: groupId,
      GroupAttr: attrs(KEYS_MAX - 10 + 1, 'v', 'n'),
    });
    expect(over.body.ErrorCode).toBe(limitCode('attr.keys.maxCount'));
    expect((await attrsOf(groupId)).length).toBe(10);
    const fits = await callApi(mock, 'modify_group_attr', {
      GroupId: groupId,
      GroupAttr: attrs(KEYS_MAX - 10, 'v', 'n'),
    });
    expect(fits.body.ErrorCode).toBe(0);
    // Overwriting existing keys does not add to the count.
    expect(
      (await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr: attrs(3, 'w') })).body.ErrorCode,
    ).toBe(0);
  });

  it('the total size is counted after the write, and an overwrite that shrinks it is accepted', async () => {
    const groupId = await createGroup(mock);
    const full = attrs(TOTAL_MAX / VALUE_MAX, 'x'.repeat(VALUE_MAX));
    expect((await callApi(mock, 'set_group_attr', { GroupId: groupId, GroupAttr: full })).body.ErrorCode).toBe(0);
    expect(
      (await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'one-more', value: 'y' }] }))
        .body.ErrorCode,
    ).toBe(limitCode('attr.values.totalMaxBytes'));
    expect(
      (
        await callApi(mock, 'modify_group_attr', {
          GroupId: groupId,
          GroupAttr: [
            { key: 'k0', value: 'short' },
            { key: 'one-more', value: 'y' },
          ],
        })
      ).body.ErrorCode,
    ).toBe(0);
    // set is counted on the new set alone: replacing a full set with a full set is fine.
    expect(
      (
        await callApi(mock, 'set_group_attr', {
          GroupId: groupId,
          GroupAttr: attrs(TOTAL_MAX / VALUE_MAX, 'z'.repeat(VALUE_MAX), 'n'),
        })
      ).body.ErrorCode,
    ).toBe(0);
  });

  it('delete_group_attr checks the key size and the item shape', async () => {
    const groupId = await createGroup(mock);
    const long = await callApi(mock, 'delete_group_attr', {
      GroupId: groupId,
      GroupAttr: [{ key: 'k'.repeat(KEY_MAX + 1) }],
    });
    expect(long.body.ErrorCode).toBe(limitCode('attr.key.maxBytes'));
    expect((await callApi(mock, 'delete_group_attr', { GroupId: groupId, GroupAttr: [] })).body.ErrorCode).toBe(
      caseCode('delete_group_attr', 'empty-attr-list'),
    );
    expect(
      (await callApi(mock, 'delete_group_attr', { GroupId: groupId, GroupAttr: [{ key: 3 }] })).body.ErrorCode,
    ).toBe(caseCode('delete_group_attr', 'item-not-key-string'));
  });

  it('the basic app uses attributes too (no edition needed)', async () => {
    const basic = mock.apps[1]!;
    const groupId = await createGroup(mock, 'Public', basic);
    expect(
      (
        await callApi(
          mock,
          'modify_group_attr',
          { GroupId: groupId, GroupAttr: [{ key: 'k', value: 'v' }] },
          { app: basic },
        )
      ).body.ErrorCode,
    ).toBe(0);
    expect(mock.state.snapshotGroup(basic.sdkappid, groupId)?.attrs).toEqual([['k', 'v']]);
    expect(mock.state.snapshotGroup(DEFAULT_FULL_APP.sdkappid, groupId)).toBeNull();
  });
});
