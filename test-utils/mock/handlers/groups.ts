/**
 * The fixture operations: create_group, destroy_group, get_group_info and get_appid_group_list
 * (the janitor's listing). A destroyed group is removed outright, so it is unknown (10010)
 * everywhere afterwards and its id may be created again.
 */
import type { GroupType } from '../../contract/types.ts';
import { GROUP_TYPES } from '../../contract/types.ts';
import { toInt64Candidate } from '../json-int64.ts';
import type { MockGroup } from '../state.ts';
import { fail, isFailure, isWellFormedGroupId, OK, opCaseCode, requiredCaseCode, resolveGroup } from './context.ts';
import type { HandlerContext, HandlerFailure, OperationHandler } from './context.ts';

const TYPE_NAMES: ReadonlySet<string> = new Set(GROUP_TYPES);
/** Prefix reserved for system-assigned ids; Community custom ids must start with SYSTEM_PREFIX + '_'. */
const SYSTEM_PREFIX = '@TGS#';
const COMMUNITY_PREFIX = '@TGS#_';

/** The custom GroupId rules, each answered with its own profile row's code. */
function customGroupIdFailure(ctx: HandlerContext, groupId: string, type: GroupType): HandlerFailure | null {
  const { customGroupIdBytes } = ctx.rules.limits;
  if (groupId.length === 0 || !/^[\x20-\x7e]+$/.test(groupId)) {
    return fail(
      opCaseCode(ctx, 'custom-id-not-printable-ascii', customGroupIdBytes.code),
      'a custom GroupId is printable ASCII',
    );
  }
  if (groupId.length > customGroupIdBytes.max)
    return fail(customGroupIdBytes.code, `a custom GroupId is at most ${customGroupIdBytes.max} bytes`);
  if (type === 'Community') {
    if (groupId.startsWith(COMMUNITY_PREFIX)) return null;
    return fail(
      opCaseCode(ctx, 'community-custom-id-without-prefix', customGroupIdBytes.code),
      `a Community GroupId must start with ${COMMUNITY_PREFIX}`,
    );
  }
  if (!groupId.startsWith(SYSTEM_PREFIX)) return null;
  return fail(
    opCaseCode(ctx, 'custom-id-reserved-prefix', customGroupIdBytes.code),
    `a custom GroupId must not start with ${SYSTEM_PREFIX}`,
  );
}

export const createGroup: OperationHandler = (ctx) => {
  const { codes, limits } = ctx.rules;
  const { Type, Name, GroupId, Owner_Account } = ctx.body;
  if (typeof Type !== 'string' || !TYPE_NAMES.has(Type)) {
    return fail(
      opCaseCode(ctx, 'invalid-type', codes.invalidParameter),
      `Type must be one of ${GROUP_TYPES.join(', ')}`,
    );
  }
  const type = Type as GroupType;
  if (typeof Name !== 'string' || Name.length === 0)
    return fail(opCaseCode(ctx, 'missing-name', codes.invalidParameter), 'Name must be a non-empty string');
  if (ctx.steps.measureText(Name) > limits.groupNameBytes.max) {
    return fail(limits.groupNameBytes.code, `Name longer than ${limits.groupNameBytes.max} bytes`);
  }
  if (Owner_Account !== undefined && typeof Owner_Account !== 'string')
    return fail(codes.invalidParameter, 'Owner_Account must be a string');
  if (ctx.steps.memberListRefused(type, ctx.body['MemberList'])) {
    return fail(
      opCaseCode(ctx, 'avchatroom-member-list', codes.invalidParameter),
      'an AVChatRoom takes no MemberList at creation',
    );
  }

  let groupId: string;
  if (GroupId === undefined) {
    groupId = ctx.app.nextSystemGroupId(type);
  } else {
    if (typeof GroupId !== 'string') return fail(codes.invalidParameter, 'GroupId must be a string');
    const idFailure = customGroupIdFailure(ctx, GroupId, type);
    if (idFailure !== null) return idFailure;
    if (ctx.app.groups.has(GroupId)) return fail(requiredCaseCode(ctx, 'id-already-used'), 'GroupId is already in use');
    groupId = GroupId;
  }
  const group = ctx.app.addGroup(groupId, type, Name, Owner_Account ?? '', Math.floor(ctx.nowMs / 1000));
  ctx.steps.initNewGroup(ctx, group);
  return { code: 0, fields: { GroupId: groupId } };
};

export const destroyGroup: OperationHandler = (ctx) => {
  const group = resolveGroup(ctx);
  if (isFailure(group)) return group;
  ctx.steps.destroyGroup(ctx, group);
  return OK;
};

/** The base-info fields get_group_info can return; a GroupBaseInfoFilter picks among them. */
function baseInfo(group: MockGroup): Record<string, unknown> {
  return {
    Type: group.type,
    Name: group.name,
    Owner_Account: group.ownerAccount,
    CreateTime: group.createTime,
    MemberNum: group.ownerAccount === '' ? 0 : 1,
  };
}

/** ResponseFilter.GroupBaseInfoFilter when it is a list of names; anything else means no filter. */
function readBaseInfoFilter(body: Record<string, unknown>): Set<string> | null {
  const filter = body['ResponseFilter'];
  if (filter === undefined) return null;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) return null;
  const base = (filter as Record<string, unknown>)['GroupBaseInfoFilter'];
  if (base === undefined) return null;
  if (!Array.isArray(base) || base.some((name) => typeof name !== 'string')) return null;
  return new Set(base as string[]);
}

/**
 * One entry per requested id, in request order. A missing or malformed group is reported in its
 * entry (ErrorCode 10010 / 10015) while the call itself succeeds — the choice documented in
 * docs/mock.md, since the pages do not say.
 */
export const getGroupInfo: OperationHandler = (ctx) => {
  const { codes, limits } = ctx.rules;
  const list = ctx.body['GroupIdList'];
  if (!Array.isArray(list) || list.length === 0 || list.some((id) => typeof id !== 'string')) {
    return fail(
      opCaseCode(ctx, 'invalid-id-list', codes.invalidParameter),
      'GroupIdList must be a non-empty array of strings',
    );
  }
  if (list.length > limits.groupInfoListCount.max) {
    return fail(limits.groupInfoListCount.code, `more than ${limits.groupInfoListCount.max} group ids`);
  }
  const filter = readBaseInfoFilter(ctx.body);
  const unknownCode = opCaseCode(ctx, 'unknown-group-per-entry', codes.unknownGroup);
  const GroupInfo = (list as string[]).map((groupId) => {
    if (!isWellFormedGroupId(groupId, limits.customGroupIdBytes.max)) {
      return { GroupId: groupId, ErrorCode: codes.malformedGroupId, ErrorInfo: 'GroupId is invalid' };
    }
    const group = ctx.app.groups.get(groupId);
    if (group === undefined)
      return { GroupId: groupId, ErrorCode: unknownCode, ErrorInfo: 'group does not exist or was destroyed' };
    const info = baseInfo(group);
    const picked =
      filter === null ? info : Object.fromEntries(Object.entries(info).filter(([name]) => filter.has(name)));
    return { GroupId: groupId, ErrorCode: 0, ErrorInfo: '', ...picked };
  });
  return { code: 0, fields: { GroupInfo } };
};

/**
 * Pages by creation order: `Next` is the sequence number of the last group returned (0 when
 * the listing is complete), so groups destroyed between pages never shift one. Limit 0 or
 * absent means the maximum; a GroupType that matches nothing (e.g. the old BChatRoom) lists
 * nothing.
 */
export const getAppidGroupList: OperationHandler = (ctx) => {
  const { codes } = ctx.rules;
  const pageSize = ctx.rules.limits.groupListPageSize;
  const { Limit, Next, GroupType: typeFilter } = ctx.body;
  const limitValue = Limit === undefined ? 0n : toInt64Candidate(Limit);
  if (limitValue === null || limitValue < 0n)
    return fail(codes.invalidParameter, 'Limit must be a non-negative integer');
  if (limitValue > BigInt(pageSize.max)) return fail(pageSize.code, `Limit must not exceed ${pageSize.max}`);
  const limit = limitValue === 0n ? pageSize.max : Number(limitValue);
  const next = Next === undefined ? 0n : toInt64Candidate(Next);
  if (next === null || next < 0n) return fail(codes.invalidParameter, 'Next must be a non-negative integer');
  if (typeFilter !== undefined && typeof typeFilter !== 'string')
    return fail(codes.invalidParameter, 'GroupType must be a string');
  let total = 0;
  const page: { GroupId: string }[] = [];
  let lastSeq = 0;
  let more = false;
  for (const group of ctx.app.groups.values()) {
    if (typeFilter !== undefined && group.type !== typeFilter) continue;
    total++;
    if (BigInt(group.seq) <= next) continue;
    if (page.length < limit) {
      page.push({ GroupId: group.groupId });
      lastSeq = group.seq;
    } else {
      more = true;
    }
  }
  return { code: 0, fields: { TotalCount: total, GroupIdList: page, Next: more ? lastSeq : 0 } };
};

/** The operations this module answers, by operationId. */
export const GROUP_HANDLERS: Readonly<Record<string, OperationHandler>> = {
  create_group: createGroup,
  destroy_group: destroyGroup,
  get_group_info: getGroupInfo,
  get_appid_group_list: getAppidGroupList,
};
