/**
 * Case descriptors derived from the contract (issue 6): pure data, computed when vitest
 * collects the generated suites, so a new operation, group-type rule or limit in specs/ or
 * schemas/ yields its checks without a hand-kept list. suites/generated/ turns them into checks.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { limits as contractLimits, loadSpec, operations, profileCase } from '../contract/index.ts';
import { SCHEMAS_DIR } from '../contract/paths.ts';
import type { ExpectedCode, GroupType, Limit, LimitId, OperationContract } from '../contract/types.ts';
import { GROUP_TYPES } from '../contract/types.ts';
import { requestFields, wrongTypeValue, type JsonType } from './request-fields.ts';
import { sampleCase, sampleEntries, type SampleCase } from './samples.ts';
import type { CaseBase } from './case-base.ts';

export type TextVariant = 'ascii' | 'utf8';

export interface GroupTypeCase extends CaseBase {
  kind: 'group-type';
  supported: boolean;
}

export interface MissingFieldCase extends CaseBase {
  kind: 'missing-field';
  field: string;
}

export interface WrongTypeCase extends CaseBase {
  kind: 'wrong-type';
  field: string;
  fieldType: JsonType;
  wrongValue: unknown;
}

export interface LimitCase extends CaseBase {
  kind: 'limit';
  limitId: LimitId;
  unit: Limit['unit'];
  /** 'at' = exactly the maximum (accepted), 'past' = one more (refused with `exceeded`). */
  position: 'at' | 'past';
  /** The size or count to send: max or max + 1. */
  amount: number;
  /** Byte limits have an ASCII and a multi-byte UTF-8 variant; count limits have none. */
  variant: TextVariant | 'count';
}

/** A GroupId the profile gives its own answer: never created (10010) or malformed (empty). */
export interface GroupIdCase extends CaseBase {
  kind: 'group-id';
  /** The profile row: 'groups.unknown-group' or 'groups.malformed-group-id'. */
  profileCase: string;
  problem: 'unknown' | 'empty';
}

/** The app without the operation's edition (x-tim-edition): refused with the edition's code. */
export interface EditionCase extends CaseBase {
  kind: 'edition';
  edition: string;
}

/** A valid UserSig of an account that is not an App admin (profile row signing.not-admin). */
export interface PermissionCase extends CaseBase {
  kind: 'permission';
}

/** One of the operation's own behaviour-profile rows (x-tim-cases) that documents an error code. */
export interface ProfileRowCase extends CaseBase {
  kind: 'profile-row';
  rowId: string;
  description: string;
}

/** perSecond + 1 writes at once on one group (x-tim-group-write-rate): the last is refused. */
export interface WriteRateCase extends CaseBase {
  kind: 'write-rate';
  perSecond: number;
}

export type GeneratedCase =
  | GroupTypeCase
  | MissingFieldCase
  | WrongTypeCase
  | LimitCase
  | SampleCase
  | GroupIdCase
  | EditionCase
  | PermissionCase
  | ProfileRowCase
  | WriteRateCase;

/** Every kind of derived case, in the order the generator emits them for an operation. */
export const CASE_KINDS = [
  'group-type',
  'missing-field',
  'wrong-type',
  'group-id',
  'limit',
  'sample',
  'edition',
  'permission',
  'profile-row',
  'write-rate',
] as const satisfies readonly GeneratedCase['kind'][];

/** A limit of an operation for which no case is derived, and why. */
export interface UncoveredLimit {
  operation: string;
  limitId: string;
  reason: string;
}

export interface GenerateOptions {
  spec?: OpenAPIV3_1.Document;
  /** Defaults to schemas/limits.json; a test passes a copy with a fake limit. */
  limits?: Limit[];
  /** Where the request schemas named by the spec live. */
  schemasDir?: string;
}

export interface GeneratedSuite {
  cases: GeneratedCase[];
  uncoveredLimits: UncoveredLimit[];
}

/**
 * Fixture operations (create, destroy, info, list) are how every check gets and loses its
 * group; a per-group-type case for them would only repeat what every other case does already.
 */
export function isFixtureOperation(op: OperationContract): boolean {
  return op.family === 'group-fixture';
}

/** 'GroupAttr' -> 'group-attr', 'attr.key.maxBytes' -> 'attr-key-max-bytes'. */
export function slugOf(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

const SUCCESS_CODE = 0;

function firstSupportedType(op: OperationContract): GroupType {
  const found = GROUP_TYPES.find((type) => op['x-tim-group-types'][type]?.supported);
  if (!found) throw new Error(`operation ${op.operationId} supports no group type`);
  return found;
}

function groupTypeCases(op: OperationContract): GroupTypeCase[] {
  return GROUP_TYPES.map((groupType) => {
    const support = op['x-tim-group-types'][groupType];
    const expected: ExpectedCode = support.supported
      ? { code: SUCCESS_CODE, status: support.status, docUrls: support.docUrls }
      : (support.rejectedWith ?? { code: SUCCESS_CODE, status: support.status, docUrls: support.docUrls });
    if (!support.supported && !support.rejectedWith) {
      throw new Error(`${op.operationId}: ${groupType} is unsupported but has no rejectedWith code`);
    }
    return {
      kind: 'group-type',
      operation: op.operationId,
      check: 'gen-group-type',
      groupType,
      supported: support.supported,
      expected,
      tentative: expected.status === 'inferred',
      docUrl: expected.docUrls[0] ?? support.docUrls[0] ?? op['x-tim-docs'][0]!,
    };
  });
}

function fieldCases(op: OperationContract, schemasDir: string): (MissingFieldCase | WrongTypeCase | GroupIdCase)[] {
  // The profile's missing-GroupId row is the one documented invalid-parameter case; every other
  // field's code is the same one, inferred.
  const missingGroupId = profileCase('groups.missing-group-id').expected;
  const inferred = (docUrl: string): ExpectedCode => ({
    code: missingGroupId.code,
    status: 'inferred',
    docUrls: [docUrl],
    note: 'The pages list the invalid-parameter code but not for this field; inferred.',
  });
  const opDoc = op['x-tim-docs'][0]!;
  const groupType = firstSupportedType(op);
  const cases: (MissingFieldCase | WrongTypeCase | GroupIdCase)[] = [];
  for (const field of requestFields(schemasDir, op.requestSchema)) {
    if (field.required) {
      const expected = field.name === 'GroupId' ? missingGroupId : inferred(opDoc);
      cases.push({
        kind: 'missing-field',
        operation: op.operationId,
        check: `gen-missing-${slugOf(field.name)}`,
        groupType,
        field: field.name,
        expected,
        tentative: expected.status === 'inferred',
        docUrl: expected.docUrls[0] ?? opDoc,
      });
    }
    if (field.jsonType) {
      const expected = field.name === 'GroupId' ? missingGroupId : inferred(opDoc);
      cases.push({
        kind: 'wrong-type',
        operation: op.operationId,
        check: `gen-wrong-type-${slugOf(field.name)}`,
        groupType,
        field: field.name,
        fieldType: field.jsonType,
        wrongValue: wrongTypeValue(field.jsonType),
        expected,
        tentative: expected.status === 'inferred',
        docUrl: expected.docUrls[0] ?? opDoc,
      });
    }
    // Only where GroupId names an existing group (create_group's optional GroupId names a new one).
    if (field.name === 'GroupId' && field.required) {
      for (const [problem, row] of [
        ['unknown', 'groups.unknown-group'],
        ['empty', 'groups.malformed-group-id'],
      ] as const) {
        const expected = profileCase(row).expected;
        cases.push({
          kind: 'group-id',
          operation: op.operationId,
          check: problem === 'unknown' ? 'gen-unknown-group' : 'gen-empty-group-id',
          groupType,
          profileCase: row,
          problem,
          expected,
          tentative: expected.status === 'inferred',
          docUrl: expected.docUrls[0] ?? opDoc,
        });
      }
    }
  }
  return cases;
}

function limitCases(op: OperationContract, all: Limit[], uncovered: UncoveredLimit[]): LimitCase[] {
  const cases: LimitCase[] = [];
  const groupType = firstSupportedType(op);
  for (const limitId of op['x-tim-limits']) {
    const limit = all.find((l) => l.id === limitId);
    if (!limit) {
      uncovered.push({ operation: op.operationId, limitId, reason: 'not in limits.json' });
      continue;
    }
    if (limit.unit !== 'bytes' && limit.unit !== 'count') {
      uncovered.push({
        operation: op.operationId,
        limitId,
        reason: `unit ${limit.unit} has no size boundary (rates and ranges are checked by hand-written suites)`,
      });
      continue;
    }
    if (limit.max === undefined || !limit.exceeded) {
      uncovered.push({
        operation: op.operationId,
        limitId,
        reason: 'no maximum or no documented answer when exceeded',
      });
      continue;
    }
    // A text that must be printable ASCII (a custom GroupId) has no multi-byte variant: it would be
    // refused for its characters, not its size.
    const asciiOnly = (limit as Limit & { charset?: string }).charset === 'printable-ascii';
    const variants: (TextVariant | 'count')[] =
      limit.unit === 'bytes' ? (asciiOnly ? ['ascii'] : ['ascii', 'utf8']) : ['count'];
    for (const position of ['at', 'past'] as const) {
      const expected: ExpectedCode =
        position === 'at' ? { code: SUCCESS_CODE, status: limit.status, docUrls: limit.docUrls } : limit.exceeded;
      for (const variant of variants) {
        cases.push({
          kind: 'limit',
          operation: op.operationId,
          check: `gen-limit-${slugOf(limit.id)}-${position}${variant === 'count' ? '' : `-${variant}`}`,
          groupType,
          limitId: limit.id,
          unit: limit.unit,
          position,
          amount: position === 'at' ? limit.max : limit.max + 1,
          variant,
          expected,
          tentative: expected.status === 'inferred',
          docUrl: expected.docUrls[0] ?? limit.docUrls[0] ?? op['x-tim-docs'][0]!,
        });
      }
    }
  }
  return cases;
}

function editionCases(op: OperationContract): EditionCase[] {
  const edition = op['x-tim-edition'];
  if (!edition) return [];
  return [
    {
      kind: 'edition',
      operation: op.operationId,
      check: 'gen-edition-missing',
      groupType: firstSupportedType(op),
      edition: edition.required,
      expected: edition.missing,
      tentative: edition.missing.status === 'inferred',
      docUrl: edition.missing.docUrls[0] ?? op['x-tim-docs'][0]!,
    },
  ];
}

function permissionCase(op: OperationContract): PermissionCase {
  const expected = profileCase('signing.not-admin').expected;
  return {
    kind: 'permission',
    operation: op.operationId,
    check: 'gen-not-admin',
    groupType: firstSupportedType(op),
    expected,
    tentative: expected.status === 'inferred',
    docUrl: expected.docUrls[0] ?? op['x-tim-docs'][0]!,
  };
}

/** Rows that expect an error: a row that expects success describes state, which hand-written suites read back. */
function profileRowCases(op: OperationContract): ProfileRowCase[] {
  return op['x-tim-cases']
    .filter((row) => row.expected.code !== SUCCESS_CODE)
    .map((row) => ({
      kind: 'profile-row',
      operation: op.operationId,
      check: `gen-row-${slugOf(row.id)}`,
      groupType: firstSupportedType(op),
      rowId: row.id,
      description: row.description,
      expected: row.expected,
      tentative: row.expected.status === 'inferred',
      docUrl: row.expected.docUrls[0] ?? op['x-tim-docs'][0]!,
    }));
}

function writeRateCases(op: OperationContract, all: Limit[]): WriteRateCase[] {
  const rate = op['x-tim-group-write-rate'];
  if (!rate) return [];
  const exceeded = all.find((l) => l.id === rate.limitId)?.exceeded;
  if (!exceeded) return [];
  // The rate's own status: clear_group_attr counting as a write is inferred.
  const expected: ExpectedCode = { ...exceeded, status: rate.status === 'inferred' ? 'inferred' : exceeded.status };
  return [
    {
      kind: 'write-rate',
      operation: op.operationId,
      check: 'gen-group-write-rate',
      groupType: firstSupportedType(op),
      perSecond: rate.perSecond,
      expected,
      tentative: expected.status === 'inferred',
      docUrl: expected.docUrls[0] ?? op['x-tim-docs'][0]!,
    },
  ];
}

/** Every derived case of every operation, in spec order, and the limits no case covers. */
export function generateSuite(options: GenerateOptions = {}): GeneratedSuite {
  const spec = options.spec ?? loadSpec();
  const allLimits = options.limits ?? contractLimits();
  const schemasDir = options.schemasDir ?? SCHEMAS_DIR;
  const cases: GeneratedCase[] = [];
  const uncoveredLimits: UncoveredLimit[] = [];
  const samples = sampleEntries(schemasDir).filter((entry) => entry.kind === 'request');
  for (const op of operations(spec)) {
    if (!isFixtureOperation(op)) cases.push(...groupTypeCases(op));
    cases.push(...fieldCases(op, schemasDir));
    cases.push(...limitCases(op, allLimits, uncoveredLimits));
    // A renamed copy (x-tim-copy-of) sends its original's samples.
    for (const entry of samples.filter((s) => s.operation === (op['x-tim-copy-of'] ?? op.operationId))) {
      cases.push({ ...sampleCase(schemasDir, entry, firstSupportedType(op)), operation: op.operationId });
    }
    cases.push(...editionCases(op), permissionCase(op), ...profileRowCases(op), ...writeRateCases(op, allLimits));
  }
  return { cases, uncoveredLimits };
}

/** The check id a case gets: '<operation>/<check>' plus '/<type>' for group-type cases. */
export function caseId(c: GeneratedCase): string {
  return c.kind === 'group-type' ? `${c.operation}/${c.check}/${c.groupType}` : `${c.operation}/${c.check}`;
}
