/**
 * Every operation carries all of its x-tim data, valid against x-tim-operation.schema.json, and
 * every limit id and error code it names exists in limits.json and error-codes.json.
 */
import { describe, expect, it } from 'vitest';
import {
  errorCodes,
  getErrorCode,
  limits,
  OPERATION_EXTENSION_KEYS,
  operations,
  profileCases,
  regions,
  validateAgainst,
} from '../../test-utils/contract/index.ts';
import { ERROR_CODES_PATH, LIMITS_PATH } from '../../test-utils/contract/paths.ts';
import { rawOperations, rawSpec, readJson, type Json } from './helpers.ts';
import type { ExpectedCode, LimitId } from '../../test-utils/contract/types.ts';

/** Compile-time: every LimitId of types.ts is listed here; the test compares with limits.json. */
const LIMIT_IDS: Record<LimitId, true> = {
  'attr.key.maxBytes': true,
  'attr.value.maxBytes': true,
  'attr.keys.maxCount': true,
  'attr.values.totalMaxBytes': true,
  'attr.writes.perGroupPerSecond': true,
  'counter.key.maxBytes': true,
  'counter.keys.maxCount': true,
  'counter.value.int64': true,
  'api.calls.perSecond': true,
  'group.list.calls.perSecond': true,
  'group.list.pageSize.max': true,
  'group.name.maxBytes': true,
  'group.customId.maxBytes': true,
  'group.infoList.maxCount': true,
  'request.body.maxBytes': true,
  'server.timeout.seconds': true,
};

/** Every ExpectedCode anywhere in the contract data, with where it was found. */
function everyExpectedCode(): [where: string, expected: ExpectedCode][] {
  const found: [string, ExpectedCode][] = [];
  for (const op of operations()) {
    for (const [type, support] of Object.entries(op['x-tim-group-types'])) {
      if (support.rejectedWith) found.push([`${op.operationId} ${type}`, support.rejectedWith]);
    }
    if (op['x-tim-edition']) found.push([`${op.operationId} edition`, op['x-tim-edition'].missing]);
    for (const c of op['x-tim-cases']) found.push([`${op.operationId} ${c.id}`, c.expected]);
  }
  for (const c of profileCases()) found.push([c.id, c.expected]);
  for (const l of limits()) if (l.exceeded) found.push([l.id, l.exceeded]);
  return found;
}

describe('x-tim data of each operation', () => {
  it('every operation validates against x-tim-operation.schema.json', () => {
    for (const [path, op] of rawOperations(rawSpec())) {
      expect(validateAgainst('x-tim-operation.schema.json', op).errors, path).toEqual([]);
    }
  });

  it.each(OPERATION_EXTENSION_KEYS.map((k) => [k]))('an operation without %s fails validation', (key) => {
    const [, op] = rawOperations(rawSpec())[0]!;
    delete op[key];
    const result = validateAgainst('x-tim-operation.schema.json', op);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain(`/${key}`);
  });

  it('a misspelt x-tim key, a bad status word and a missing Community entry fail validation', () => {
    const [, op] = rawOperations(rawSpec())[2]!;
    expect(validateAgainst('x-tim-operation.schema.json', { ...op, 'x-tim-limit': [] }).valid).toBe(false);
    const badStatus = structuredClone(op);
    (badStatus['x-tim-call-rate'] as Json).status = 'confirmed';
    expect(validateAgainst('x-tim-operation.schema.json', badStatus).valid).toBe(false);
    const noCommunity = structuredClone(op);
    delete (noCommunity['x-tim-group-types'] as Json).Community;
    expect(validateAgainst('x-tim-operation.schema.json', noCommunity).valid).toBe(false);
    const unsupportedWithoutCode = structuredClone(op);
    (unsupportedWithoutCode['x-tim-group-types'] as Record<string, Json>).Public = {
      supported: false,
      status: 'documented',
      docUrls: ['https://x.example'],
    };
    expect(validateAgainst('x-tim-operation.schema.json', unsupportedWithoutCode).valid).toBe(false);
  });

  it('the top-level x-tim data (regions, profile) validates', () => {
    expect(validateAgainst('x-tim-document.schema.json', rawSpec()).errors).toEqual([]);
    const broken = rawSpec();
    delete broken['x-tim-profile'];
    expect(validateAgainst('x-tim-document.schema.json', broken).valid).toBe(false);
  });

  it('every limit id an operation names exists in limits.json', () => {
    const ids = new Set(limits().map((l) => l.id));
    for (const op of operations()) {
      for (const id of op['x-tim-limits']) expect(ids.has(id), `${op.operationId}: ${id}`).toBe(true);
      expect(ids.has(op['x-tim-call-rate'].limitId)).toBe(true);
      const writeRate = op['x-tim-group-write-rate'];
      if (writeRate) expect(ids.has(writeRate.limitId)).toBe(true);
    }
  });

  it('rates in the operations agree with the limits they cite', () => {
    for (const op of operations()) {
      const rate = op['x-tim-call-rate'];
      expect(rate.perSecond, op.operationId).toBe(limits().find((l) => l.id === rate.limitId)!.max);
      const writeRate = op['x-tim-group-write-rate'];
      if (writeRate) expect(writeRate.perSecond).toBe(limits().find((l) => l.id === writeRate.limitId)!.max);
      expect(op['x-tim-counts-as-attr-write'], op.operationId).toBe(writeRate !== null);
    }
  });

  it('every x-tim-errors code is in the catalogue, which lists the operation', () => {
    for (const op of operations()) {
      for (const e of op['x-tim-errors']) {
        const entry = getErrorCode(e.code);
        expect(entry, `${op.operationId}: ${e.code}`).toBeDefined();
        expect(entry!.operations, `${e.code}`).toContain(op.operationId);
      }
    }
    // And the other way round: the catalogue names no operation that does not list the code.
    for (const entry of errorCodes()) {
      for (const id of entry.operations) {
        const op = operations().find((o) => o.operationId === id);
        expect(
          op?.['x-tim-errors'].some((e) => e.code === entry.code),
          `${entry.code} ${id}`,
        ).toBe(true);
      }
    }
  });

  it('every expected code (cases, profile, limits, group types, editions) is in the catalogue and well formed', () => {
    // documented-set error rows list the set (an accepted row, code 0, is a set of request forms).
    const setsWithoutList = everyExpectedCode().filter(
      ([, e]) => e.status === 'documented-set' && e.code !== 0 && !e.acceptable,
    );
    expect(setsWithoutList.map(([where]) => where)).toEqual([]);
    for (const [where, expected] of everyExpectedCode()) {
      for (const code of [expected.code, ...(expected.acceptable ?? [])]) {
        expect(getErrorCode(code), `${where}: ${code}`).toBeDefined();
      }
      if (expected.acceptable) {
        expect(expected.acceptable, where).toContain(expected.code);
        // A set of answers is never 'documented' (one code); inferred rows may tentatively accept a set.
        expect(expected.status, where).not.toBe('documented');
      }
    }
  });

  it('the rows the suites check are present as data', () => {
    const op = (id: string) => operations().find((o) => o.operationId === id)!;
    expect(op('clear_group_attr')['x-tim-group-types'].Community.rejectedWith?.code).toBe(10007);
    for (const id of ['get_group_counter', 'update_group_counter', 'delete_group_counter']) {
      expect(op(id)['x-tim-group-types'].Community.rejectedWith?.code).toBe(10007);
      expect(op(id)['x-tim-edition']?.missing.code).toBe(10059);
    }
    expect(op('delete_group_attr')['x-tim-cases'].find((c) => c.id === 'missing-key')?.expected.code).toBe(10050);
    expect(op('update_group_counter')['x-tim-idempotency']).toMatchObject({
      idempotent: 'conditional',
      unsafeWhen: { field: 'Mode', values: ['Increase', 'Decrease'] },
    });
    const unknown = profileCases().find((c) => c.id === 'groups.unknown-group')!;
    expect(unknown.expected).toMatchObject({ code: 10010, acceptable: [10010, 10015] });
    expect(profileCases().find((c) => c.id === 'groups.missing-group-id')!.expected.code).toBe(10004);
    const signing = profileCases().filter((c) => c.area === 'query-signing' && c.order !== undefined);
    expect(signing.map((c) => c.order)).toEqual(signing.map((_, i) => i + 1));
  });

  it('case ids are unique per operation and across the profile', () => {
    for (const op of operations()) {
      const ids = op['x-tim-cases'].map((c) => c.id);
      expect(new Set(ids).size, op.operationId).toBe(ids.length);
    }
    const ids = profileCases().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('limits.json and error-codes.json', () => {
  it('validate against their schemas', () => {
    expect(validateAgainst('limits.schema.json', readJson(LIMITS_PATH)).errors).toEqual([]);
    expect(validateAgainst('error-codes.schema.json', readJson(ERROR_CODES_PATH)).errors).toEqual([]);
  });

  it('a limit without max, or a code without meaning, is rejected', () => {
    const file = readJson(LIMITS_PATH) as { limits: Json[] };
    delete file.limits[0]!.max;
    expect(validateAgainst('limits.schema.json', file).valid).toBe(false);
    const codes = readJson(ERROR_CODES_PATH) as { codes: Json[] };
    delete codes.codes[1]!.meaning;
    expect(validateAgainst('error-codes.schema.json', codes).valid).toBe(false);
  });

  it('limit ids and codes are unique, and the LimitId type lists exactly the ids of limits.json', () => {
    const ids = limits().map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(LIMIT_IDS).sort());
    const codes = errorCodes().map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("the issue's figures are defined once, in limits.json", () => {
    const max = (id: LimitId) => limits().find((l) => l.id === id)!.max;
    expect([max('attr.key.maxBytes'), max('attr.value.maxBytes'), max('attr.keys.maxCount')]).toEqual([32, 4000, 16]);
    expect([max('attr.values.totalMaxBytes'), max('counter.keys.maxCount'), max('counter.key.maxBytes')]).toEqual([
      16000, 20, 128,
    ]);
    const int64 = limits().find((l) => l.id === 'counter.value.int64')!;
    expect([int64.min64, int64.max64]).toEqual(['-9223372036854775808', '9223372036854775807']);
  });

  it('regions: nine, each with a host in the servers enum', () => {
    const spec = rawSpec();
    const hosts = (((spec.servers as Json[])[0]!.variables as Json).region as { enum: string[] }).enum;
    expect(
      regions()
        .map((r) => r.host)
        .sort(),
    ).toEqual([...hosts].sort());
    expect(regions()).toHaveLength(9);
  });
});
