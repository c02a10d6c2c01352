/**
 * The loader's typed view matches the YAML, finds operations by id and path (alternative paths
 * too), resolves regions, reads profile rows, and validates bodies with JSON pointer paths.
 */
import { describe, expect, it } from 'vitest';
import {
  assertValidResponse,
  getErrorCode,
  getLimit,
  getOperation,
  loadSpec,
  loadSpecFrom,
  operationByPath,
  operationCase,
  operations,
  profileCase,
  regions,
  resolveRegion,
  SPEC_PATH,
  utf8Bytes,
  validateRequest,
  validateResponse,
} from '../../test-utils/contract/index.ts';
import { rawOperations, rawSpec, writeTempSpec, type Json } from './helpers.ts';

describe('test-utils/contract loader', () => {
  it('the typed operations equal the YAML, key for key', () => {
    const raw = rawOperations(rawSpec());
    const typed = operations();
    expect(typed.map((o) => o.path)).toEqual(raw.map(([path]) => path));
    for (const [path, op] of raw) {
      const contract = typed.find((o) => o.path === path)!;
      const [, service, command] = path.split('/').slice(1);
      expect(contract.service).toBe(service);
      expect(contract.command).toBe(command);
      expect(contract.operationId).toBe(op.operationId);
      expect(contract.family).toEqual(op['x-tim-family']);
      expect(contract.alternativePaths).toEqual(op['x-tim-alternative-paths']);
      expect(contract.requestSchema).toBe(`${command}.request.schema.json`);
      expect(contract.responseSchema).toBe(`${command}.response.schema.json`);
      for (const key of Object.keys(op).filter(
        (k) => k.startsWith('x-tim-') && k !== 'x-tim-family' && k !== 'x-tim-alternative-paths',
      )) {
        expect((contract as unknown as Json)[key], `${path} ${key}`).toEqual(op[key]);
      }
    }
  });

  it('is cached: the same objects come back', () => {
    expect(loadSpec()).toBe(loadSpec());
    expect(operations()).toBe(operations());
    expect(loadSpecFrom(SPEC_PATH)).toBe(loadSpec());
  });

  it('getOperation names the known ids when asked for an unknown one', () => {
    expect(getOperation('clear_group_attr').path).toBe('/v4/group_open_http_svc/clear_group_attr');
    expect(() => getOperation('clear_group_attrs')).toThrow(/unknown operation 'clear_group_attrs'.*clear_group_attr/);
  });

  it('operationByPath matches documented and alternative paths, with or without query or slash', () => {
    expect(operationByPath('/v4/group_open_attr_http_svc/get_group_attr')?.operationId).toBe('get_group_attr');
    expect(operationByPath('/v4/group_open_http_svc/get_group_attr')?.operationId).toBe('get_group_attr');
    expect(operationByPath('v4/group_open_http_svc/clear_group_attr?sdkappid=1')?.operationId).toBe('clear_group_attr');
    expect(operationByPath('/v4/group_open_http_svc/no_such_command')).toBeUndefined();
    expect(operationByPath('/v4/group_open_attr_http_svc/clear_group_attr')).toBeUndefined();
  });

  it('a modified copy loaded with loadSpecFrom is seen, and a missing x-tim key is a clear error', () => {
    const spec = rawSpec();
    const [, op] = rawOperations(spec).find(([p]) => p.endsWith('/clear_group_attr'))!;
    (op['x-tim-call-rate'] as Json).perSecond = 7;
    const copy = loadSpecFrom(writeTempSpec(spec));
    expect(getOperation('clear_group_attr', copy)['x-tim-call-rate'].perSecond).toBe(7);
    expect(getOperation('clear_group_attr')['x-tim-call-rate'].perSecond).toBe(200);

    delete op['x-tim-limits'];
    const broken = loadSpecFrom(writeTempSpec(spec));
    expect(() => operations(broken)).toThrow(/clear_group_attr.*missing x-tim-limits/);
  });

  it('regions resolve by name, alias, spelling and host; unknown names give undefined', () => {
    expect(resolveRegion('singapore')?.host).toBe('adminapisgp.im.qcloud.com');
    expect(resolveRegion('SGP')?.name).toBe('singapore');
    expect(resolveRegion('Silicon Valley')?.host).toBe('adminapiusa.im.qcloud.com');
    expect(resolveRegion('jp')?.name).toBe('tokyo');
    expect(resolveRegion('ksa')?.name).toBe('riyadh');
    expect(resolveRegion('cn')?.host).toBe('console.tim.qq.com');
    expect(resolveRegion('adminapiger.my-imcloud.com')?.name).toBe('frankfurt');
    expect(resolveRegion('mars')).toBeUndefined();
    // No word names two regions (a region may list its own name as an alias: china -> cn, china).
    const words = regions().flatMap((r) => [...new Set([r.name, ...r.aliases])]);
    expect(new Set(words).size).toBe(words.length);
    for (const r of regions()) if (r.backupHost === null) expect(r.note, r.name).toBeTruthy();
  });

  it('profile rows and operation cases are found by id, unknown ids are clear errors', () => {
    expect(profileCase('signing.expired').expected.code).toBe(70001);
    expect(profileCase('signing.hmac-mismatch').expected.acceptable).toEqual([70003, 70005, 70009]);
    expect(() => profileCase('signing.nope')).toThrow(/unknown profile case 'signing.nope'/);
    expect(operationCase('delete_group_attr', 'missing-key').expected.code).toBe(10050);
    expect(() => operationCase('delete_group_attr', 'nope')).toThrow(/no case 'nope'/);
  });

  it('limits and codes are looked up by id', () => {
    expect(getLimit('attr.key.maxBytes').max).toBe(32);
    expect(() => getLimit('attr.nope' as never)).toThrow(/unknown limit/);
    expect(getErrorCode(10049)?.operations).toContain('modify_group_attr');
    expect(getErrorCode(10002)?.retryable).toBe(true);
    expect(getErrorCode(123456)).toBeUndefined();
  });

  it('validation errors carry JSON pointer paths', () => {
    const result = validateRequest('modify_group_attr', { GroupId: 'g', GroupAttr: [{ key: 'k', value: 1 }] });
    expect(result).toEqual({ valid: false, errors: [{ path: '/GroupAttr/0/value', message: 'must be string' }] });
    expect(validateResponse('get_group_counter', { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }).errors).toEqual([
      { path: '/GroupCounter', message: 'is required' },
    ]);
  });

  it('assertValidResponse names the operation and the property path, and passes valid bodies', () => {
    const bad = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupAttrAry: [{ key: 'k' }] };
    expect(() => assertValidResponse('get_group_attr', bad)).toThrow(/get_group_attr.*\/GroupAttrAry\/0\/value/);
    expect(() => assertValidResponse('get_group_attr', { ...bad, GroupAttrAry: [] })).not.toThrow();
  });

  it('utf8Bytes counts UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('群')).toBe(3);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('\uD800')).toBe(3);
    expect(utf8Bytes('群'.repeat(11))).toBeGreaterThan(getLimit('attr.key.maxBytes').max!);
  });
});
