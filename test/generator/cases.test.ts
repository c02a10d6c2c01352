import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  getLimit,
  getOperation,
  limits,
  loadSpecFrom,
  profileCase,
  utf8Bytes,
} from '../../test-utils/contract/index.ts';
import { SCHEMAS_DIR, SPEC_PATH } from '../../test-utils/contract/paths.ts';
import type { Limit, LimitId } from '../../test-utils/contract/types.ts';
import {
  CASE_KINDS,
  caseId,
  generateSuite,
  requestFields,
  sampleEntries,
  substituteFixtureGroup,
  textOfBytes,
  type GeneratedCase,
  type LimitCase,
} from '../../test-utils/generator/index.ts';

const workDir = mkdtempSync(join(tmpdir(), 'tim-generator-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A copy of the spec (and of schemas/) with `edit` applied, loaded through loadSpecFrom. */
function modifiedSpec(name: string, edit: (doc: Record<string, any>, schemasDir: string) => void) {
  const dir = join(workDir, name);
  const schemasDir = join(dir, 'schemas');
  cpSync(SCHEMAS_DIR, schemasDir, { recursive: true });
  const doc = parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, any>;
  edit(doc, schemasDir);
  const specPath = join(dir, 'spec.yaml');
  writeFileSync(specPath, stringify(doc));
  return { spec: loadSpecFrom(specPath), schemasDir };
}

const ofOperation = (cases: GeneratedCase[], operation: string) => cases.filter((c) => c.operation === operation);

describe('generateSuite on the project spec', () => {
  const { cases, uncoveredLimits } = generateSuite();

  it('names every check gen-… and gives every case a unique id', () => {
    const ids = cases.map(caseId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of cases) expect(c.check).toMatch(/^gen-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('derives one case per group type for every non-fixture operation, from x-tim-group-types', () => {
    const clear = ofOperation(cases, 'clear_group_attr').filter((c) => c.kind === 'group-type');
    expect(clear.map((c) => c.groupType)).toEqual(['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community']);
    const community = clear.find((c) => c.groupType === 'Community')!;
    expect(community.expected).toEqual(getOperation('clear_group_attr')['x-tim-group-types'].Community.rejectedWith);
    expect(clear.find((c) => c.groupType === 'Public')!.expected.code).toBe(0);
    expect(ofOperation(cases, 'create_group').some((c) => c.kind === 'group-type')).toBe(false);
  });

  it('omits each required field and mistypes each typed field, GroupId documented, others tentative', () => {
    const update = ofOperation(cases, 'update_group_counter');
    expect(update.filter((c) => c.kind === 'missing-field').map((c) => c.check)).toEqual([
      'gen-missing-group-id',
      'gen-missing-group-counter',
    ]);
    expect(update.filter((c) => c.kind === 'wrong-type').map((c) => c.check)).toEqual([
      'gen-wrong-type-group-id',
      'gen-wrong-type-group-counter',
      'gen-wrong-type-mode',
    ]);
    const missingId = update.find((c) => c.check === 'gen-missing-group-id')!;
    expect(missingId.tentative).toBe(false);
    expect(update.find((c) => c.check === 'gen-missing-group-counter')!.tentative).toBe(true);
    expect(update.find((c) => c.check === 'gen-missing-group-counter')!.expected.code).toBe(missingId.expected.code);
  });

  it('sends a never-created and an empty GroupId where GroupId names an existing group, with the profile codes', () => {
    const ids = cases.filter((c) => c.kind === 'group-id');
    expect(ofOperation(ids, 'get_group_attr').map((c) => [c.check, c.expected])).toEqual([
      ['gen-unknown-group', profileCase('groups.unknown-group').expected],
      ['gen-empty-group-id', profileCase('groups.malformed-group-id').expected],
    ]);
    expect(ofOperation(ids, 'create_group')).toEqual([]);
    const wrongId = cases.find((c) => c.operation === 'get_group_attr' && c.check === 'gen-wrong-type-group-id')!;
    expect(wrongId.expected).toEqual(profileCase('groups.missing-group-id').expected);
  });

  it('puts each size limit at its maximum and one past it, from limits.json, in ASCII and multi-byte UTF-8', () => {
    const keyCases = ofOperation(cases, 'modify_group_attr').filter(
      (c): c is LimitCase => c.kind === 'limit' && c.limitId === 'attr.key.maxBytes',
    );
    const limit = getLimit('attr.key.maxBytes');
    expect(keyCases.map((c) => [c.position, c.variant, c.amount])).toEqual([
      ['at', 'ascii', limit.max],
      ['at', 'utf8', limit.max],
      ['past', 'ascii', limit.max! + 1],
      ['past', 'utf8', limit.max! + 1],
    ]);
    expect(keyCases.filter((c) => c.position === 'past').every((c) => c.expected === limit.exceeded)).toBe(true);
    const countCases = ofOperation(cases, 'modify_group_attr').filter(
      (c) => c.kind === 'limit' && c.limitId === 'attr.keys.maxCount',
    );
    expect(countCases.map((c) => (c as LimitCase).variant)).toEqual(['count', 'count']);
  });

  it('lists rate limits as uncovered instead of inventing boundary cases for them', () => {
    expect(uncoveredLimits).toContainEqual(
      expect.objectContaining({ operation: 'modify_group_attr', limitId: 'attr.writes.perGroupPerSecond' }),
    );
    expect(cases.some((c) => c.kind === 'limit' && c.limitId === 'attr.writes.perGroupPerSecond')).toBe(false);
  });
});

describe('generateSuite on a modified copy of the spec', () => {
  it('adds every kind of case for a new operation, each from its own piece of data', () => {
    const fakeDoc = 'https://example.test/fake';
    const { spec, schemasDir } = modifiedSpec('fake-operation', (doc, dir) => {
      const template = structuredClone(doc.paths['/v4/group_open_attr_http_svc/get_group_attr'].post);
      template.operationId = 'fake_op';
      template['x-tim-group-types'].ChatRoom = {
        supported: false,
        status: 'documented',
        rejectedWith: { code: 10007, status: 'documented', docUrls: [fakeDoc] },
        docUrls: [fakeDoc],
      };
      template['x-tim-limits'] = ['attr.key.maxBytes', 'attr.writes.perGroupPerSecond'];
      template['x-tim-edition'] = {
        required: 'fake',
        names: ['Fake'],
        missing: { code: 10059, status: 'documented', docUrls: [fakeDoc] },
      };
      template['x-tim-group-write-rate'] = {
        perSecond: 3,
        limitId: 'attr.writes.perGroupPerSecond',
        status: 'inferred',
      };
      template['x-tim-cases'] = [
        {
          id: 'fake-refusal',
          area: 'group-attr',
          description: 'A fake refusal.',
          expected: { code: 10004, status: 'inferred', docUrls: [fakeDoc] },
        },
        {
          id: 'fake-success',
          area: 'group-attr',
          description: 'A fake success (state, left to hand-written suites).',
          expected: { code: 0, status: 'documented', docUrls: [fakeDoc] },
        },
      ];
      template.requestBody.content['application/json'].schema.$ref = '../schemas/fake_op.request.schema.json';
      doc.paths['/v4/group_open_attr_http_svc/fake_op'] = { post: template };
      writeFileSync(
        join(dir, 'fake_op.request.schema.json'),
        JSON.stringify({
          type: 'object',
          required: ['GroupId', 'Count'],
          properties: {
            GroupId: { $ref: 'common.schema.json#/$defs/groupId' },
            Count: { type: 'integer' },
            Note: { type: 'string' },
          },
        }),
      );
      const indexPath = join(dir, 'samples', 'index.json');
      const index = JSON.parse(readFileSync(indexPath, 'utf8'));
      index.samples.push({
        file: 'fake_op.request.json',
        operation: 'fake_op',
        kind: 'request',
        source: fakeDoc,
        origin: 'printed',
      });
      writeFileSync(indexPath, JSON.stringify(index));
      writeFileSync(join(dir, 'samples', 'fake_op.request.json'), JSON.stringify({ GroupId: '@TGS#page', Count: 1 }));
    });
    const before = generateSuite().cases.length;
    const fake = ofOperation(generateSuite({ spec, schemasDir }).cases, 'fake_op');
    const key = getLimit('attr.key.maxBytes');
    const limitId = (position: string, variant: string) =>
      `fake_op/gen-limit-attr-key-max-bytes-${position}-${variant}`;
    expect(fake.map(caseId)).toEqual([
      'fake_op/gen-group-type/Private',
      'fake_op/gen-group-type/Public',
      'fake_op/gen-group-type/ChatRoom',
      'fake_op/gen-group-type/AVChatRoom',
      'fake_op/gen-group-type/Community',
      'fake_op/gen-missing-group-id',
      'fake_op/gen-wrong-type-group-id',
      'fake_op/gen-unknown-group',
      'fake_op/gen-empty-group-id',
      'fake_op/gen-missing-count',
      'fake_op/gen-wrong-type-count',
      'fake_op/gen-wrong-type-note',
      limitId('at', 'ascii'),
      limitId('at', 'utf8'),
      limitId('past', 'ascii'),
      limitId('past', 'utf8'),
      'fake_op/gen-sample-request',
      'fake_op/gen-edition-missing',
      'fake_op/gen-not-admin',
      'fake_op/gen-row-fake-refusal',
      'fake_op/gen-group-write-rate',
    ]);
    const byId = new Map(fake.map((c) => [caseId(c), c]));
    expect(byId.get('fake_op/gen-group-type/ChatRoom')!.expected.code).toBe(10007);
    const wrongCount = byId.get('fake_op/gen-wrong-type-count')!;
    expect(wrongCount.kind === 'wrong-type' && typeof wrongCount.wrongValue).not.toBe('number');
    expect((byId.get(limitId('past', 'utf8')) as LimitCase).amount).toBe(key.max! + 1);
    expect(byId.get('fake_op/gen-sample-request')).toMatchObject({
      kind: 'sample',
      body: { GroupId: '@TGS#page', Count: 1 },
      docUrl: fakeDoc,
    });
    expect(byId.get('fake_op/gen-edition-missing')).toMatchObject({
      kind: 'edition',
      edition: 'fake',
      expected: { code: 10059 },
    });
    expect(byId.get('fake_op/gen-not-admin')!.expected).toEqual(profileCase('signing.not-admin').expected);
    expect(byId.get('fake_op/gen-row-fake-refusal')).toMatchObject({
      kind: 'profile-row',
      rowId: 'fake-refusal',
      expected: { code: 10004 },
      tentative: true,
    });
    expect(byId.get('fake_op/gen-group-write-rate')).toMatchObject({
      kind: 'write-rate',
      perSecond: 3,
      expected: { code: getLimit('attr.writes.perGroupPerSecond').exceeded!.code, status: 'inferred' },
      tentative: true,
    });
    expect(new Set(fake.map((c) => c.kind))).toEqual(new Set(CASE_KINDS));
    expect(generateSuite({ spec, schemasDir }).cases.length).toBe(before + fake.length);
  });

  it('derives only the ASCII variant of a limit whose text must be printable ASCII', () => {
    const custom = generateSuite().cases.filter(
      (c): c is LimitCase => c.kind === 'limit' && c.limitId === 'group.customId.maxBytes',
    );
    expect(custom.map((c) => [c.position, c.variant])).toEqual([
      ['at', 'ascii'],
      ['past', 'ascii'],
    ]);
  });

  it('adds boundary cases for a new limit of an operation, with its own maximum and code', () => {
    const fakeLimit = {
      id: 'fake.label.maxBytes' as LimitId,
      description: 'a fake limit',
      unit: 'bytes',
      max: 7,
      exceeded: { code: 19999, status: 'inferred', docUrls: ['https://example.test/limit'] },
      status: 'documented',
      docUrls: ['https://example.test/limit'],
    } satisfies Limit;
    const { spec } = modifiedSpec('fake-limit', (doc) => {
      doc.paths['/v4/group_open_attr_http_svc/get_group_attr'].post['x-tim-limits'].push(fakeLimit.id);
    });
    const added = generateSuite({ spec, limits: [...limits(), fakeLimit] }).cases.filter(
      (c): c is LimitCase => c.kind === 'limit' && c.limitId === fakeLimit.id,
    );
    expect(added.map((c) => [caseId(c), c.amount, c.expected.code, c.tentative])).toEqual([
      ['get_group_attr/gen-limit-fake-label-max-bytes-at-ascii', 7, 0, false],
      ['get_group_attr/gen-limit-fake-label-max-bytes-at-utf8', 7, 0, false],
      ['get_group_attr/gen-limit-fake-label-max-bytes-past-ascii', 8, 19999, true],
      ['get_group_attr/gen-limit-fake-label-max-bytes-past-utf8', 8, 19999, true],
    ]);
  });
});

describe('sample requests', () => {
  it('derives one case per sample request of schemas/samples/index.json, as printed', () => {
    const samples = generateSuite().cases.filter((c) => c.kind === 'sample');
    const requests = sampleEntries(SCHEMAS_DIR).filter((e) => e.kind === 'request');
    expect(samples.map((c) => c.operation).sort()).toEqual(requests.map((e) => e.operation).sort());
    const modify = samples.find((c) => c.operation === 'modify_group_attr')!;
    expect(modify.kind === 'sample' && modify.body).toEqual(
      JSON.parse(readFileSync(join(SCHEMAS_DIR, 'samples', 'modify_group_attr.request.json'), 'utf8')),
    );
  });

  it('adds a case for a new sample; a reconstructed one is tentative', () => {
    const { spec, schemasDir } = modifiedSpec('fake-sample', (_doc, dir) => {
      const indexPath = join(dir, 'samples', 'index.json');
      const index = JSON.parse(readFileSync(indexPath, 'utf8'));
      index.samples = index.samples.filter((e: { operation: string }) => e.operation !== 'clear_group_attr');
      index.samples.push({
        file: 'extra.json',
        operation: 'clear_group_attr',
        kind: 'request',
        source: 'https://example.test/s',
        origin: 'reconstructed',
      });
      writeFileSync(indexPath, JSON.stringify(index));
      writeFileSync(join(dir, 'samples', 'extra.json'), JSON.stringify({ GroupId: '@TGS#page' }));
    });
    const clear = generateSuite({ spec, schemasDir }).cases.filter(
      (c) => c.kind === 'sample' && c.operation === 'clear_group_attr',
    );
    expect(clear.map((c) => [caseId(c), c.tentative, c.docUrl])).toEqual([
      ['clear_group_attr/gen-sample-request', true, 'https://example.test/s'],
    ]);
  });

  it('replaces the page group ids by the fixture group and leaves the sample itself unchanged', () => {
    const page = { GroupId: '@TGS#page', GroupIdList: ['@TGS#a', '@TGS#b'], Limit: 3 };
    expect(substituteFixtureGroup(page, 'timc-x-1')).toEqual({
      GroupId: 'timc-x-1',
      GroupIdList: ['timc-x-1'],
      Limit: 3,
    });
    expect(page.GroupId).toBe('@TGS#page');
  });
});

describe('textOfBytes and requestFields', () => {
  it('builds text of an exact UTF-8 length; the UTF-8 variant is shorter in UTF-16 units', () => {
    for (const bytes of [1, 2, 3, 4, 32, 33, 4000, 4001]) {
      expect(utf8Bytes(textOfBytes(bytes, 'ascii'))).toBe(bytes);
      expect(utf8Bytes(textOfBytes(bytes, 'utf8'))).toBe(bytes);
      expect(utf8Bytes(textOfBytes(bytes, 'utf8', '7'))).toBe(bytes);
    }
    expect(textOfBytes(33, 'utf8').length).toBeLessThan(33);
  });

  it('reads required fields and types through $ref and enum', () => {
    expect(requestFields(SCHEMAS_DIR, 'update_group_counter.request.schema.json')).toEqual([
      { name: 'GroupId', required: true, jsonType: 'string' },
      { name: 'GroupCounter', required: true, jsonType: 'array' },
      { name: 'Mode', required: false, jsonType: 'string' },
    ]);
  });
});

describe('the generated suite takes its figures from the contract data', () => {
  it('has no literal limit maximum in its code (comments aside)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'suites', 'generated');
    const maxima = new Set(limits().flatMap((l) => (l.max !== undefined && l.max > 9 ? [l.max] : [])));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(join(dir, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const literals = [...code.matchAll(/(?<![\w.$])\d[\d_]*(?![\w.])/g)].map((m) => Number(m[0].replace(/_/g, '')));
      expect([file, literals.filter((n) => maxima.has(n))]).toEqual([file, []]);
    }
  });
});
