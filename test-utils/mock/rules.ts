/**
 * Everything the mock decides with — codes, limits, group-type support, editions, rates — read
 * once from specs/ and schemas/ through test-utils/contract, never retyped here. A changed row
 * of the behaviour profile therefore changes the mock without touching its code.
 */
import { getLimit, getOperation, operationCase, operations, profileCase } from '../contract/index.ts';
import type { GroupType, LimitId, OperationContract } from '../contract/types.ts';
import { GROUP_TYPES } from '../contract/types.ts';

export interface LimitRule {
  max: number;
  /** The code a request one past the limit gets. */
  code: number;
}

export interface Int64Rule {
  min: bigint;
  max: bigint;
  code: number;
}

export interface OperationRules {
  contract: OperationContract;
  /** Calls per second per app to this API (sliding window). */
  callsPerSecond: number;
  /** 0 = supported; otherwise the code an unsupported group type gets. */
  groupTypeRejection: Record<GroupType, number>;
  /** The code for an app without the needed edition, or null when none is needed. */
  editionMissingCode: number | null;
  countsAsAttrWrite: boolean;
  /** Per-group attribute writes per second, or null. */
  groupWritesPerSecond: number | null;
  /** Codes of the operation's own profile rows (x-tim-cases), by case id. */
  caseCodes: ReadonlyMap<string, number>;
}

export interface MockRules {
  codes: {
    methodNotPost: number;
    unknownCommand: number;
    bodyNotJson: number;
    bodyTooLarge: number;
    sdkappidMissing: number;
    sdkappidUnknown: number;
    identifierMissing: number;
    usersigMissing: number;
    usersigMalformed: number;
    hmacMismatch: number;
    identifierMismatch: number;
    sdkappidMismatch: number;
    expired: number;
    notAdmin: number;
    apiRate: number;
    unknownGroup: number;
    malformedGroupId: number;
    /** GroupId missing or not a string; also the generic "invalid parameter" answer. */
    invalidParameter: number;
  };
  limits: {
    attrKeyBytes: LimitRule;
    attrValueBytes: LimitRule;
    attrKeyCount: LimitRule;
    attrTotalBytes: LimitRule;
    attrWritesPerSecond: LimitRule;
    counterKeyBytes: LimitRule;
    counterKeyCount: LimitRule;
    counterValue: Int64Rule;
    groupNameBytes: LimitRule;
    customGroupIdBytes: LimitRule;
    groupInfoListCount: LimitRule;
    groupListPageSize: LimitRule;
    requestBodyBytes: LimitRule;
  };
  /** By the operation's documented path and each alternative path. */
  operationsByPath: ReadonlyMap<string, OperationRules>;
  operationsById: ReadonlyMap<string, OperationRules>;
}

/** Operation rows the mock cannot answer without; checked when the rules are built. */
const REQUIRED_OPERATION_CASES: Record<string, string[]> = {
  delete_group_attr: ['missing-key'],
  create_group: ['id-already-used'],
};

let cached: MockRules | undefined;

/** The rules, built on first use and shared by every mock in the process. */
export function mockRules(): MockRules {
  cached ??= buildRules();
  return cached;
}

function caseCode(id: string): number {
  return profileCase(id).expected.code;
}

function limitRule(id: LimitId): LimitRule {
  const limit = getLimit(id);
  if (limit.max === undefined) throw new Error(`limits.json: '${id}' has no max`);
  if (limit.exceeded === undefined) throw new Error(`limits.json: '${id}' has no exceeded code`);
  return { max: limit.max, code: limit.exceeded.code };
}

function int64Rule(id: LimitId): Int64Rule {
  const limit = getLimit(id);
  if (limit.min64 === undefined || limit.max64 === undefined || limit.exceeded === undefined) {
    throw new Error(`limits.json: '${id}' needs min64, max64 and exceeded`);
  }
  return { min: BigInt(limit.min64), max: BigInt(limit.max64), code: limit.exceeded.code };
}

function operationRules(contract: OperationContract): OperationRules {
  const rejection = {} as Record<GroupType, number>;
  for (const type of GROUP_TYPES) {
    const support = contract['x-tim-group-types'][type];
    if (support === undefined) throw new Error(`${contract.operationId}: x-tim-group-types lacks ${type}`);
    if (support.supported) rejection[type] = 0;
    else if (support.rejectedWith === undefined)
      throw new Error(`${contract.operationId}: ${type} unsupported without rejectedWith`);
    else rejection[type] = support.rejectedWith.code;
  }
  const caseCodes = new Map<string, number>();
  for (const row of contract['x-tim-cases'])
    caseCodes.set(row.id, operationCase(contract.operationId, row.id).expected.code);
  return {
    contract,
    callsPerSecond: contract['x-tim-call-rate'].perSecond,
    groupTypeRejection: rejection,
    editionMissingCode: contract['x-tim-edition']?.missing.code ?? null,
    countsAsAttrWrite: contract['x-tim-counts-as-attr-write'],
    groupWritesPerSecond: contract['x-tim-group-write-rate']?.perSecond ?? null,
    caseCodes,
  };
}

function buildRules(): MockRules {
  const byPath = new Map<string, OperationRules>();
  const byId = new Map<string, OperationRules>();
  for (const contract of operations()) {
    const rules = operationRules(getOperation(contract.operationId));
    byId.set(contract.operationId, rules);
    byPath.set(contract.path, rules);
    for (const alternative of contract.alternativePaths) byPath.set(alternative, rules);
  }
  for (const [operationId, caseIds] of Object.entries(REQUIRED_OPERATION_CASES)) {
    for (const caseId of caseIds) operationCase(operationId, caseId);
  }
  return {
    codes: {
      methodNotPost: caseCode('transport.method-not-post'),
      unknownCommand: caseCode('transport.unknown-command'),
      bodyNotJson: caseCode('transport.body-not-json'),
      bodyTooLarge: caseCode('transport.body-too-large'),
      sdkappidMissing: caseCode('signing.sdkappid-missing'),
      sdkappidUnknown: caseCode('signing.sdkappid-unknown'),
      identifierMissing: caseCode('signing.identifier-missing'),
      usersigMissing: caseCode('signing.usersig-missing'),
      usersigMalformed: caseCode('signing.usersig-malformed'),
      hmacMismatch: caseCode('signing.hmac-mismatch'),
      identifierMismatch: caseCode('signing.identifier-mismatch'),
      sdkappidMismatch: caseCode('signing.sdkappid-mismatch'),
      expired: caseCode('signing.expired'),
      notAdmin: caseCode('signing.not-admin'),
      apiRate: caseCode('rates.api-calls-per-second'),
      unknownGroup: caseCode('groups.unknown-group'),
      malformedGroupId: caseCode('groups.malformed-group-id'),
      invalidParameter: caseCode('groups.missing-group-id'),
    },
    limits: {
      attrKeyBytes: limitRule('attr.key.maxBytes'),
      attrValueBytes: limitRule('attr.value.maxBytes'),
      attrKeyCount: limitRule('attr.keys.maxCount'),
      attrTotalBytes: limitRule('attr.values.totalMaxBytes'),
      attrWritesPerSecond: limitRule('attr.writes.perGroupPerSecond'),
      counterKeyBytes: limitRule('counter.key.maxBytes'),
      counterKeyCount: limitRule('counter.keys.maxCount'),
      counterValue: int64Rule('counter.value.int64'),
      groupNameBytes: limitRule('group.name.maxBytes'),
      customGroupIdBytes: limitRule('group.customId.maxBytes'),
      groupInfoListCount: limitRule('group.infoList.maxCount'),
      groupListPageSize: limitRule('group.list.pageSize.max'),
      requestBodyBytes: limitRule('request.body.maxBytes'),
    },
    operationsByPath: byPath,
    operationsById: byId,
  };
}
