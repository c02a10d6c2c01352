/**
 * The documents' sample bodies validate against their schemas; purpose-made invalid bodies do
 * not. Repaired and reconstructed samples say what was changed.
 */
import { describe, expect, it } from 'vitest';
import { operations, validateEnvelope, validateRequest, validateResponse } from '../../test-utils/contract/index.ts';
import { readSample, sampleIndex } from './helpers.ts';

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const G = '@TGS#aC5SZEAEF';

/** Bodies that break each request schema in one structural way. */
const INVALID_REQUESTS: Record<string, [why: string, body: unknown][]> = {
  get_group_attr: [
    ['GroupId missing', {}],
    ['GroupId a number', { GroupId: 42 }],
  ],
  modify_group_attr: [
    ['GroupAttr missing', { GroupId: G }],
    ['item without value', { GroupId: G, GroupAttr: [{ key: 'k' }] }],
    ['capitalised member names', { GroupId: G, GroupAttr: [{ Key: 'k', Value: 'v' }] }],
  ],
  clear_group_attr: [['GroupId missing', {}]],
  set_group_attr: [['GroupAttr not an array', { GroupId: G, GroupAttr: { key: 'k', value: 'v' } }]],
  delete_group_attr: [
    ['item without key', { GroupId: G, GroupAttr: [{}] }],
    ['GroupId missing', { GroupAttr: [{ key: 'k' }] }],
  ],
  get_group_counter: [['GroupCounterKeys not strings', { GroupId: G, GroupCounterKeys: [1] }]],
  update_group_counter: [
    ['Mode outside the enum', { GroupId: G, GroupCounter: [{ Key: 'like', Value: 1 }], Mode: 'Add' }],
    ['Value not an integer', { GroupId: G, GroupCounter: [{ Key: 'like', Value: 1.5 }], Mode: 'Set' }],
    ['lower-case member names', { GroupId: G, GroupCounter: [{ key: 'like', value: 1 }] }],
  ],
  delete_group_counter: [['GroupId missing', { GroupCounterKeys: ['like'] }]],
  create_group: [
    ['Type outside the five', { Type: 'Work', Name: 'n' }],
    ['Name missing', { Type: 'Public' }],
  ],
  destroy_group: [['GroupId missing', {}]],
  get_group_info: [
    ['GroupIdList missing', {}],
    ['GroupIdList not strings', { GroupIdList: [1] }],
  ],
  get_appid_group_list: [
    ['Limit negative', { Limit: -1 }],
    ['Next a string', { Next: '0' }],
  ],
};

/** Success bodies that miss or mistype their payload. */
const INVALID_RESPONSES: Record<string, [why: string, body: unknown][]> = {
  get_group_attr: [
    ['GroupAttrAry missing', OK],
    ['item without value', { ...OK, GroupAttrAry: [{ key: 'k' }] }],
  ],
  get_group_counter: [['Value a string', { ...OK, GroupCounter: [{ Key: 'like', Value: '5' }] }]],
  update_group_counter: [['GroupCounter missing', OK]],
  create_group: [['GroupId missing', OK]],
  get_group_info: [['GroupInfo missing', OK]],
  get_appid_group_list: [['Next missing', { ...OK, TotalCount: 0, GroupIdList: [] }]],
  clear_group_attr: [
    ['ErrorInfo missing', { ActionStatus: 'OK', ErrorCode: 0 }],
    ['OK with a non-zero code', { ...OK, ErrorCode: 10010 }],
  ],
};

describe('schemas/samples', () => {
  const index = sampleIndex();

  it('there is one request and one response sample per operation', () => {
    for (const op of operations()) {
      expect(
        index
          .filter((s) => s.operation === op.operationId)
          .map((s) => s.kind)
          .sort(),
        op.operationId,
      ).toEqual(['request', 'response']);
    }
  });

  it('repaired and reconstructed samples carry a note and the page URL', () => {
    for (const sample of index) {
      expect(sample.source, sample.file).toMatch(/^https:\/\//);
      if (sample.origin !== 'printed') expect(sample.note, sample.file).toMatch(/\w/);
    }
    // The pages known to print broken JSON are marked as repaired.
    const repaired = index.filter((s) => s.origin === 'repaired').map((s) => s.file);
    expect(repaired).toEqual(
      expect.arrayContaining([
        'modify_group_attr.request.json',
        'set_group_attr.request.json',
        'update_group_counter.request.json',
      ]),
    );
  });

  it('every sample validates against its schema', () => {
    for (const sample of index) {
      const body = readSample(sample.file);
      const result =
        sample.kind === 'request' ? validateRequest(sample.operation, body) : validateResponse(sample.operation, body);
      expect(result.errors, sample.file).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it.each(Object.entries(INVALID_REQUESTS))('invalid %s requests are rejected', (operationId, cases) => {
    for (const [why, body] of cases) {
      const result = validateRequest(operationId, body);
      expect(result.valid, why).toBe(false);
      expect(result.errors.length, why).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(INVALID_RESPONSES))('invalid %s success responses are rejected', (operationId, cases) => {
    for (const [why, body] of cases) expect(validateResponse(operationId, body).valid, why).toBe(false);
  });

  it('an error body validates against the envelope alone, whatever the operation', () => {
    const failure = { ActionStatus: 'FAIL', ErrorCode: 10010, ErrorInfo: 'group id invalid', ErrorDisplay: 'x' };
    for (const op of operations()) expect(validateResponse(op.operationId, failure).valid, op.operationId).toBe(true);
    expect(validateEnvelope({ ActionStatus: 'FAIL', ErrorCode: 0, ErrorInfo: '' }).valid).toBe(false);
    expect(validateEnvelope({ ActionStatus: 'ok', ErrorCode: 0, ErrorInfo: '' }).valid).toBe(false);
    expect(validateEnvelope({ ...OK, SomethingNew: [1, 2] }).valid).toBe(true);
  });

  it('unknown response fields are allowed, as real responses carry them', () => {
    const body = { ...OK, GroupAttrAry: [{ key: 'a', value: 'b', extra: 1 }], ErrorDisplay: '', RequestId: 'r' };
    expect(validateResponse('get_group_attr', body).valid).toBe(true);
  });
});
