// The behaviour profile's "Groups (fixtures)" rows and the fixture operations, over real HTTP.
import { describe, expect, it } from 'vitest';
import { GROUP_TYPES, getOperation, validateResponse } from '../../test-utils/contract/index.ts';
import {
  callApi,
  caseCode,
  createGroup,
  freshGroupId,
  limitCode,
  limitMax,
  mockPerFile,
  profileCode,
  startTestMock,
} from './helpers.ts';

const mock = mockPerFile({ rateLimits: false });

const INVALID_PARAMETER = 'groups.missing-group-id';

describe('create_group', () => {
  it.each(GROUP_TYPES)('%s without GroupId gets a system id', async (Type) => {
    const answer = await callApi(mock, 'create_group', { Type, Name: 'system id' });
    expect(answer.body.ErrorCode).toBe(0);
    const id = answer.body['GroupId'] as string;
    expect(id.startsWith(Type === 'Community' ? '@TGS#_' : '@TGS#')).toBe(true);
    expect(validateResponse('create_group', answer.body).valid).toBe(true);
    expect(mock.state.snapshotGroup(1400000001, id)?.type).toBe(Type);
  });

  const nameMax = limitMax('group.name.maxBytes');
  const rows: [string, Record<string, unknown>, number][] = [
    ['Name at the byte limit (2-byte characters)', { Type: 'Public', Name: 'é'.repeat(nameMax / 2) }, 0],
    ['Name one byte over', { Type: 'Public', Name: `${'é'.repeat(nameMax / 2)}a` }, limitCode('group.name.maxBytes')],
    [
      'Name within the limit in characters but not in bytes',
      { Type: 'Public', Name: '群'.repeat(nameMax / 3 + 1) },
      limitCode('group.name.maxBytes'),
    ],
    ['Name missing', { Type: 'Public' }, profileCode(INVALID_PARAMETER)],
    ['Name not a string', { Type: 'Public', Name: 7 }, profileCode(INVALID_PARAMETER)],
    ['Type missing', { Name: 'x' }, profileCode(INVALID_PARAMETER)],
    ['Type unknown', { Type: 'Work', Name: 'x' }, profileCode(INVALID_PARAMETER)],
    [
      'custom id starting with @TGS#',
      { Type: 'Public', Name: 'x', GroupId: '@TGS#custom' },
      caseCode('create_group', 'custom-id-reserved-prefix'),
    ],
    [
      'custom id with non-ASCII',
      { Type: 'Public', Name: 'x', GroupId: 'grüppe' },
      caseCode('create_group', 'custom-id-not-printable-ascii'),
    ],
    [
      'custom id with a control character',
      { Type: 'Public', Name: 'x', GroupId: 'a\u0001b' },
      caseCode('create_group', 'custom-id-not-printable-ascii'),
    ],
    [
      'custom id at the byte limit',
      { Type: 'Public', Name: 'x', GroupId: 'L'.repeat(limitMax('group.customId.maxBytes')) },
      0,
    ],
    [
      'custom id one byte over',
      { Type: 'Public', Name: 'x', GroupId: 'M'.repeat(limitMax('group.customId.maxBytes') + 1) },
      limitCode('group.customId.maxBytes'),
    ],
    ['custom id not a string', { Type: 'Public', Name: 'x', GroupId: 12 }, profileCode(INVALID_PARAMETER)],
    [
      'Community custom id without @TGS#_',
      { Type: 'Community', Name: 'x', GroupId: 'community-plain' },
      caseCode('create_group', 'community-custom-id-without-prefix'),
    ],
    ['Community custom id with @TGS#_', { Type: 'Community', Name: 'x', GroupId: '@TGS#_community-ok' }, 0],
  ];
  it.each(rows)('%s', async (_name, body, code) => {
    expect((await callApi(mock, 'create_group', body)).body.ErrorCode).toBe(code);
  });

  it('a GroupId already in use is refused and the first group is untouched', async () => {
    const id = await createGroup(mock, 'Private');
    const again = await callApi(mock, 'create_group', { Type: 'Public', Name: 'again', GroupId: id });
    expect(again.body.ErrorCode).toBe(caseCode('create_group', 'id-already-used'));
    expect(mock.state.snapshotGroup(1400000001, id)?.type).toBe('Private');
  });
});

describe('GroupId checks on every group operation', () => {
  const groupOps = [
    'get_group_attr',
    'modify_group_attr',
    'set_group_attr',
    'delete_group_attr',
    'clear_group_attr',
    'get_group_counter',
    'update_group_counter',
    'delete_group_counter',
    'destroy_group',
  ];
  const bodies: Record<string, Record<string, unknown>> = {
    modify_group_attr: { GroupAttr: [{ key: 'k', value: 'v' }] },
    set_group_attr: { GroupAttr: [{ key: 'k', value: 'v' }] },
    delete_group_attr: { GroupAttr: [{ key: 'k' }] },
    update_group_counter: { GroupCounter: [{ Key: 'k', Value: 1 }], Mode: 'Set' },
  };
  const ids: [string, unknown, string][] = [
    ['missing', undefined, INVALID_PARAMETER],
    ['a number', 42, INVALID_PARAMETER],
    ['null', null, INVALID_PARAMETER],
    ['empty', '', 'groups.malformed-group-id'],
    ['with a control character', 'a\u0007', 'groups.malformed-group-id'],
    ['over 48 bytes', 'x'.repeat(limitMax('group.customId.maxBytes') + 1), 'groups.malformed-group-id'],
    ['never created', 'never-created-group', 'groups.unknown-group'],
  ];
  for (const operationId of groupOps) {
    it.each(ids)(`${operationId}: GroupId %s`, async (_name, GroupId, caseId) => {
      const answer = await callApi(mock, operationId, {
        ...bodies[operationId],
        ...(GroupId === undefined ? {} : { GroupId }),
      });
      expect(answer.body.ErrorCode).toBe(profileCode(caseId));
    });
  }

  it.each(groupOps)('a destroyed group is unknown to %s', async (operationId) => {
    const id = await createGroup(mock);
    expect((await callApi(mock, 'destroy_group', { GroupId: id })).body.ErrorCode).toBe(0);
    const answer = await callApi(mock, operationId, { ...bodies[operationId], GroupId: id });
    expect(answer.body.ErrorCode).toBe(caseCode('destroy_group', 'destroyed-group-is-unknown'));
    const info = await callApi(mock, 'get_group_info', { GroupIdList: [id] });
    expect((info.body['GroupInfo'] as { ErrorCode: number }[])[0]?.ErrorCode).toBe(
      caseCode('get_group_info', 'unknown-group-per-entry'),
    );
  });

  it('every group type is accepted by destroy_group', async () => {
    for (const type of GROUP_TYPES) {
      const id = await createGroup(mock, type);
      expect((await callApi(mock, 'destroy_group', { GroupId: id })).body.ErrorCode).toBe(0);
    }
  });
});

describe('get_group_info', () => {
  it('answers one entry per id, in order, with per-entry codes for missing and malformed ids', async () => {
    const id = await createGroup(mock, 'ChatRoom');
    const answer = await callApi(mock, 'get_group_info', { GroupIdList: [id, 'missing-one', ''] });
    expect(answer.body.ErrorCode).toBe(0);
    expect(validateResponse('get_group_info', answer.body).valid).toBe(true);
    const info = answer.body['GroupInfo'] as Record<string, unknown>[];
    expect(info.map((entry) => [entry['GroupId'], entry['ErrorCode']])).toEqual([
      [id, 0],
      ['missing-one', caseCode('get_group_info', 'unknown-group-per-entry')],
      ['', profileCode('groups.malformed-group-id')],
    ]);
    expect(info[0]).toMatchObject({ Type: 'ChatRoom', Name: 'mock test', ErrorInfo: '' });
  });

  it('GroupBaseInfoFilter limits the fields', async () => {
    const id = await createGroup(mock);
    const answer = await callApi(mock, 'get_group_info', {
      GroupIdList: [id],
      ResponseFilter: { GroupBaseInfoFilter: ['Type'] },
    });
    const entry = (answer.body['GroupInfo'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(entry).sort()).toEqual(['ErrorCode', 'ErrorInfo', 'GroupId', 'Type']);
  });

  const max = limitMax('group.infoList.maxCount');
  it.each([
    ['at the limit', max, 0],
    ['one over', max + 1, limitCode('group.infoList.maxCount')],
  ])('GroupIdList %s', async (_name, count, code) => {
    const GroupIdList = Array.from({ length: count }, (_, i) => `info-${i}`);
    expect((await callApi(mock, 'get_group_info', { GroupIdList })).body.ErrorCode).toBe(code);
  });

  it.each([
    ['missing', {}],
    ['empty', { GroupIdList: [] }],
    ['not strings', { GroupIdList: [1, 2] }],
    ['not an array', { GroupIdList: 'abc' }],
  ])('GroupIdList %s is an invalid parameter', async (_name, body) => {
    expect((await callApi(mock, 'get_group_info', body)).body.ErrorCode).toBe(profileCode(INVALID_PARAMETER));
  });
});

describe('get_appid_group_list', () => {
  it('pages with Limit/Next until Next is 0, in creation order, skipping groups destroyed meanwhile', async () => {
    const listMock = await startTestMock({ rateLimits: false });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push(await createGroup(listMock, i % 2 === 0 ? 'Public' : 'Private'));
      const seen: string[] = [];
      let next: number | undefined = 0;
      let pages = 0;
      do {
        const answer = await callApi(listMock, 'get_appid_group_list', { Limit: 3, Next: next });
        expect(answer.body.ErrorCode).toBe(0);
        expect(validateResponse('get_appid_group_list', answer.body).valid).toBe(true);
        if (pages === 0) {
          expect(answer.body['TotalCount']).toBe(7);
          // Destroying an already-listed group must not shift the next page.
          await callApi(listMock, 'destroy_group', { GroupId: ids[0] });
        }
        seen.push(...(answer.body['GroupIdList'] as { GroupId: string }[]).map((g) => g.GroupId));
        next = answer.body['Next'] as number;
        pages++;
      } while (next !== 0 && pages < 10);
      expect(seen).toEqual(ids);
      expect(pages).toBe(3);

      const filtered = await callApi(listMock, 'get_appid_group_list', { GroupType: 'Private' });
      expect(filtered.body['TotalCount']).toBe(3);
      expect((filtered.body['GroupIdList'] as { GroupId: string }[]).map((g) => g.GroupId)).toEqual([
        ids[1],
        ids[3],
        ids[5],
      ]);
      expect(filtered.body['Next']).toBe(0);
    } finally {
      await listMock.close();
    }
  });

  it('Limit over the page maximum is refused', async () => {
    const answer = await callApi(mock, 'get_appid_group_list', { Limit: limitMax('group.list.pageSize.max') + 1 });
    expect(answer.body.ErrorCode).toBe(limitCode('group.list.pageSize.max'));
  });

  it("lists only the calling app's groups", async () => {
    const id = await createGroup(mock);
    const answer = await callApi(mock, 'get_appid_group_list', {}, { app: mock.apps[1] });
    expect((answer.body['GroupIdList'] as { GroupId: string }[]).some((g) => g.GroupId === id)).toBe(false);
  });
});

it('every operation of the spec is served (none answers unknown command)', async () => {
  const { operations } = await import('../../test-utils/contract/index.ts');
  for (const op of operations()) {
    const answer = await callApi(mock, op.operationId, { GroupId: freshGroupId() });
    expect(answer.body.ErrorCode, op.operationId).not.toBe(profileCode('transport.unknown-command'));
    expect(getOperation(op.operationId).path).toBe(op.path);
  }
});
