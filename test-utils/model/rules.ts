/**
 * The limits, codes and group-type rules the model decides with, read once from the contract
 * (specs/ and schemas/ through test-utils/contract). No literal limit or code lives in the model.
 */
import { getLimit, getOperation, operationCase, profileCase } from '../contract/index.ts';
import type { ExpectedCode, GroupType, LimitId, OperationContract } from '../contract/types.ts';
import { rowFrom, type AppliedRow } from './answer.ts';

export interface SizeRule {
  max: number;
  row: AppliedRow;
}

export interface ModelRules {
  attrKeyBytes: SizeRule;
  attrValueBytes: SizeRule;
  attrKeyCount: SizeRule;
  attrTotalBytes: SizeRule;
  attrWritesPerSecond: SizeRule;
  counterKeyBytes: SizeRule;
  counterKeyCount: SizeRule;
  counterMin: bigint;
  counterMax: bigint;
  groupNameBytes: SizeRule;
  customGroupIdBytes: SizeRule;
  unknownGroup: AppliedRow;
  /** Another app's group: answered as unknown (its own profile row when the spec has it). */
  otherAppGroup: AppliedRow;
  malformedGroupId: AppliedRow;
  invalidParameter: AppliedRow;
  apiRate: AppliedRow;
}

function sizeRule(id: LimitId, refusalStatus?: 'documented'): SizeRule {
  const limit = getLimit(id);
  if (limit.max === undefined || limit.exceeded === undefined)
    throw new Error(`limits.json: '${id}' needs max and exceeded`);
  // A limit's own status says whether the refusal is documented; its exceeded code may be weaker.
  return { max: limit.max, row: rowFrom(`limit:${id}`, limit.exceeded, refusalStatus ?? limit.status) };
}

function profileRow(id: string): AppliedRow {
  return rowFrom(id, profileCase(id).expected);
}

function hasProfileRow(id: string): boolean {
  try {
    profileCase(id);
    return true;
  } catch {
    return false;
  }
}

let cached: ModelRules | undefined;

export function modelRules(): ModelRules {
  if (cached) return cached;
  const int64 = getLimit('counter.value.int64');
  if (int64.min64 === undefined || int64.max64 === undefined)
    throw new Error("limits.json: 'counter.value.int64' needs min64 and max64");
  cached = {
    attrKeyBytes: sizeRule('attr.key.maxBytes'),
    attrValueBytes: sizeRule('attr.value.maxBytes'),
    attrKeyCount: sizeRule('attr.keys.maxCount'),
    attrTotalBytes: sizeRule('attr.values.totalMaxBytes'),
    attrWritesPerSecond: sizeRule('attr.writes.perGroupPerSecond'),
    counterKeyBytes: sizeRule('counter.key.maxBytes'),
    counterKeyCount: sizeRule('counter.keys.maxCount'),
    counterMin: BigInt(int64.min64),
    counterMax: BigInt(int64.max64),
    groupNameBytes: sizeRule('group.name.maxBytes'),
    customGroupIdBytes: sizeRule('group.customId.maxBytes'),
    unknownGroup: profileRow('groups.unknown-group'),
    otherAppGroup: hasProfileRow('groups.other-app-group')
      ? profileRow('groups.other-app-group')
      : profileRow('groups.unknown-group'),
    malformedGroupId: profileRow('groups.malformed-group-id'),
    invalidParameter: profileRow('groups.missing-group-id'),
    apiRate: profileRow('rates.api-calls-per-second'),
  };
  return cached;
}

/** An operation's own profile row ('<operationId>#<case>'), or the fallback row when the spec has none. */
export function caseRow(
  operationId: string,
  caseId: string,
  fallback: AppliedRow,
  refusalStatus?: 'documented',
): AppliedRow {
  const contract = getOperation(operationId);
  if (!contract['x-tim-cases'].some((row) => row.id === caseId))
    return {
      ...fallback,
      row: `${operationId}#${caseId}`,
      codeStatus: 'inferred',
      status: refusalStatus ?? 'inferred',
    };
  const expected: ExpectedCode = operationCase(operationId, caseId).expected;
  return rowFrom(`${operationId}#${caseId}`, expected, refusalStatus ?? expected.status);
}

/** The status of an operation's accepting row (code 0), or 'documented' when the spec has none. */
export function acceptStatus(operationId: string, caseId: string): { row: string; status: ExpectedCode['status'] } {
  const contract = getOperation(operationId);
  const row = contract['x-tim-cases'].find((r) => r.id === caseId);
  return {
    row: `${operationId}#${caseId}`,
    status: row ? operationCase(operationId, caseId).expected.status : 'documented',
  };
}

/** The refusal of a group type an operation does not support, or null when it is supported. */
export function groupTypeRow(contract: OperationContract, type: GroupType): AppliedRow | null {
  const support = contract['x-tim-group-types'][type];
  if (support === undefined || support.supported || support.rejectedWith === undefined) return null;
  // The type table is documented; the code may be inferred from its meaning.
  return rowFrom(`${contract.operationId}#group-type-${type}`, support.rejectedWith, support.status);
}

/** The refusal of an app without the operation's edition, or null when it needs none. */
export function editionRow(contract: OperationContract): AppliedRow | null {
  const edition = contract['x-tim-edition'];
  return edition ? rowFrom(`${contract.operationId}#edition-missing`, edition.missing) : null;
}
