/**
 * The hand-written body types of bodies.ts agree with the schemas: typed objects of every
 * operation validate, so a type that drifted from its schema shows up here (and in tsc).
 */
import { describe, expect, it } from 'vitest';
import { operations, validateRequest, validateResponse } from '../../test-utils/contract/index.ts';
import type { OperationBodies, OperationId } from '../../test-utils/contract/bodies.ts';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } as const;
const G = '@TGS#_timc-run-1';

/** One fully-populated typed request and success response per operation. */
const TYPED: { [Op in OperationId]: OperationBodies[Op] } = {
  get_group_attr: { request: { GroupId: G }, response: { ...OK, GroupAttrAry: [{ key: 'k', value: 'v' }] } },
  modify_group_attr: { request: { GroupId: G, GroupAttr: [{ key: 'k', value: 'v' }] }, response: { ...OK } },
  clear_group_attr: { request: { GroupId: G }, response: { ...OK } },
  set_group_attr: { request: { GroupId: G, GroupAttr: [{ key: 'k', value: '群' }] }, response: { ...OK } },
  delete_group_attr: { request: { GroupId: G, GroupAttr: [{ key: 'k' }] }, response: { ...OK } },
  get_group_counter: {
    request: { GroupId: G, GroupCounterKeys: ['like'] },
    response: { ...OK, GroupCounter: [{ Key: 'like', Value: -3 }] },
  },
  update_group_counter: {
    request: { GroupId: G, GroupCounter: [{ Key: 'like', Value: 1 }], Mode: 'Increase' },
    response: { ...OK, GroupCounter: [{ Key: 'like', Value: 6 }] },
  },
  delete_group_counter: { request: { GroupId: G }, response: { ...OK } },
  create_group: {
    request: {
      Owner_Account: 'administrator',
      Type: 'Community',
      GroupId: G,
      Name: 'n',
      Introduction: 'i',
      Notification: 'n',
      FaceUrl: 'https://x.example/f.png',
      MaxMemberCount: 100,
      ApplyJoinOption: 'FreeAccess',
      MemberList: [{ Member_Account: 'u1', Role: 'Admin' }],
      AppDefinedData: [{ Key: 'k', Value: 'v' }],
      SupportTopic: 1,
    },
    response: { ...OK, GroupId: G },
  },
  destroy_group: { request: { GroupId: G }, response: { ...OK } },
  get_group_info: {
    request: {
      GroupIdList: [G],
      ResponseFilter: {
        GroupBaseInfoFilter: ['Type'],
        MemberInfoFilter: [],
        AppDefinedDataFilter_Group: [],
        AppDefinedDataFilter_GroupMember: [],
      },
    },
    response: {
      ...OK,
      GroupInfo: [{ GroupId: G, ErrorCode: 0, ErrorInfo: '', Type: 'Community', Name: 'n', MemberNum: 1 }],
    },
  },
  get_appid_group_list: {
    request: { Limit: 100, Next: 0, GroupType: 'Public' },
    response: { ...OK, TotalCount: 1, GroupIdList: [{ GroupId: G }], Next: 0 },
  },
};

describe('bodies.ts', () => {
  it('covers exactly the operations of the spec', () => {
    expect(Object.keys(TYPED).sort()).toEqual(
      operations()
        .map((o) => o.operationId)
        .sort(),
    );
  });

  it.each(Object.entries(TYPED))('typed %s bodies validate against the schemas', (operationId, bodies) => {
    expect(validateRequest(operationId, bodies.request).errors).toEqual([]);
    expect(validateResponse(operationId, bodies.response).errors).toEqual([]);
  });
});
