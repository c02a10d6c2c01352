/**
 * TypeScript types of every request and response body, written to mirror schemas/*.schema.json
 * (test/contract/bodies.test.ts validates typed objects against the schemas to keep them honest).
 * Byte and count limits are not types: read them with getLimit().
 */
import type { GroupType } from './types.ts';

/** The envelope of every response (schemas/envelope.schema.json); unknown fields are allowed. */
export interface Envelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  ErrorDisplay?: string;
  [extra: string]: unknown;
}

export interface GroupAttrEntry {
  key: string;
  value: string;
}

export interface GroupAttrKey {
  key: string;
}

/** Value is a signed 64-bit integer; values beyond 2^53 need a bigint-aware JSON parser. */
export interface GroupCounterEntry {
  Key: string;
  Value: number;
}

export interface GroupIdBody {
  GroupId: string;
}

// Group custom attributes ----------------------------------------------------------------------

export type GetGroupAttrRequest = GroupIdBody;
export interface GetGroupAttrResponse extends Envelope {
  GroupAttrAry?: GroupAttrEntry[];
}

export interface ModifyGroupAttrRequest extends GroupIdBody {
  GroupAttr: GroupAttrEntry[];
}
export type ModifyGroupAttrResponse = Envelope;

export type ClearGroupAttrRequest = GroupIdBody;
export type ClearGroupAttrResponse = Envelope;

export interface SetGroupAttrRequest extends GroupIdBody {
  GroupAttr: GroupAttrEntry[];
}
export type SetGroupAttrResponse = Envelope;

export interface DeleteGroupAttrRequest extends GroupIdBody {
  GroupAttr: GroupAttrKey[];
}
export type DeleteGroupAttrResponse = Envelope;

// Group counters -------------------------------------------------------------------------------

export interface GetGroupCounterRequest extends GroupIdBody {
  GroupCounterKeys?: string[];
}
export interface GetGroupCounterResponse extends Envelope {
  GroupCounter?: GroupCounterEntry[];
}

export type GroupCounterMode = 'Set' | 'Increase' | 'Decrease';

export interface UpdateGroupCounterRequest extends GroupIdBody {
  GroupCounter: GroupCounterEntry[];
  /** Optional on trtc.io/zh, required on the CN page; omitted is treated as Set (inferred). */
  Mode?: GroupCounterMode;
}
export interface UpdateGroupCounterResponse extends Envelope {
  GroupCounter?: GroupCounterEntry[];
}

export interface DeleteGroupCounterRequest extends GroupIdBody {
  GroupCounterKeys?: string[];
}
export type DeleteGroupCounterResponse = Envelope;

// Group fixtures -------------------------------------------------------------------------------

export interface CreateGroupMember {
  Member_Account: string;
  Role?: string;
}

export interface CreateGroupRequest {
  Owner_Account?: string;
  Type: GroupType;
  GroupId?: string;
  Name: string;
  Introduction?: string;
  Notification?: string;
  FaceUrl?: string;
  MaxMemberCount?: number;
  ApplyJoinOption?: 'FreeAccess' | 'NeedPermission' | 'DisableApply';
  MemberList?: CreateGroupMember[];
  AppDefinedData?: { Key: string; Value: string }[];
  SupportTopic?: 0 | 1;
}
export interface CreateGroupResponse extends Envelope {
  GroupId?: string;
}

export type DestroyGroupRequest = GroupIdBody;
export type DestroyGroupResponse = Envelope;

export interface GetGroupInfoRequest {
  GroupIdList: string[];
  ResponseFilter?: {
    GroupBaseInfoFilter?: string[];
    MemberInfoFilter?: string[];
    AppDefinedDataFilter_Group?: string[];
    AppDefinedDataFilter_GroupMember?: string[];
  };
}
export interface GroupInfoEntry {
  GroupId: string;
  /** Per-entry result: 0, or e.g. 10010 for a group that does not exist (inferred). */
  ErrorCode?: number;
  ErrorInfo?: string;
  Type?: string;
  Name?: string;
  Owner_Account?: string;
  CreateTime?: number;
  MemberNum?: number;
  MaxMemberNum?: number;
  Introduction?: string;
  Notification?: string;
  FaceUrl?: string;
  ApplyJoinOption?: string;
  MemberList?: Record<string, unknown>[];
  AppDefinedData?: Record<string, unknown>[];
  [extra: string]: unknown;
}
export interface GetGroupInfoResponse extends Envelope {
  GroupInfo?: GroupInfoEntry[];
}

export interface GetAppidGroupListRequest {
  Limit?: number;
  /** 0 first, then the previous answer's Next (unsigned 64-bit). */
  Next?: number;
  GroupType?: string;
}
export interface GetAppidGroupListResponse extends Envelope {
  TotalCount?: number;
  GroupIdList?: { GroupId: string }[];
  /** 0 = every group was listed. */
  Next?: number;
}

/** Request and response body types by operation id. */
export interface OperationBodies {
  get_group_attr: { request: GetGroupAttrRequest; response: GetGroupAttrResponse };
  modify_group_attr: { request: ModifyGroupAttrRequest; response: ModifyGroupAttrResponse };
  clear_group_attr: { request: ClearGroupAttrRequest; response: ClearGroupAttrResponse };
  set_group_attr: { request: SetGroupAttrRequest; response: SetGroupAttrResponse };
  delete_group_attr: { request: DeleteGroupAttrRequest; response: DeleteGroupAttrResponse };
  get_group_counter: { request: GetGroupCounterRequest; response: GetGroupCounterResponse };
  update_group_counter: { request: UpdateGroupCounterRequest; response: UpdateGroupCounterResponse };
  delete_group_counter: { request: DeleteGroupCounterRequest; response: DeleteGroupCounterResponse };
  create_group: { request: CreateGroupRequest; response: CreateGroupResponse };
  destroy_group: { request: DestroyGroupRequest; response: DestroyGroupResponse };
  get_group_info: { request: GetGroupInfoRequest; response: GetGroupInfoResponse };
  get_appid_group_list: { request: GetAppidGroupListRequest; response: GetAppidGroupListResponse };
}

export type OperationId = keyof OperationBodies;
export type RequestBody<Op extends OperationId> = OperationBodies[Op]['request'];
export type ResponseBody<Op extends OperationId> = OperationBodies[Op]['response'];
