/**
 * TIM_SPEC (test-utils/contract/paths.ts) and x-tim-copy-of: unset, the project's spec is read
 * and nothing is a copy; a doubled copy of the spec (bench/lib/doubled-spec.ts, the one the scale
 * benchmark runs) generates every case for each `<op>_copy`, and the mock, started in a process
 * whose TIM_SPEC names the copy, answers the copied operations with the originals' handlers.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doubledSpecText } from '../../bench/lib/doubled-spec.ts';
import {
  DEFAULT_SPEC_PATH,
  loadSpecFrom,
  operations,
  originalOperationId,
  REPO_ROOT,
  SPEC_PATH,
  specPathFrom,
  validateAgainst,
} from '../../test-utils/contract/index.ts';
import { caseId, generateSuite } from '../../test-utils/generator/index.ts';

const run = promisify(execFile);
const PROBE = join(REPO_ROOT, 'test', 'contract', 'fixtures', 'tim-spec-probe.ts');

let dir: string;
let doubledPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tim-spec-test-'));
  doubledPath = join(dir, 'doubled.openapi.yaml');
  writeFileSync(doubledPath, doubledSpecText());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TIM_SPEC unset', () => {
  it.runIf(process.env.TIM_SPEC === undefined)(
    'reads specs/tim-chat.openapi.yaml, whose operations are no copies',
    () => {
      expect(SPEC_PATH).toBe(DEFAULT_SPEC_PATH);
      expect(DEFAULT_SPEC_PATH).toBe(join(REPO_ROOT, 'specs', 'tim-chat.openapi.yaml'));
      for (const op of operations()) {
        expect(op).not.toHaveProperty('x-tim-copy-of');
        expect(originalOperationId(op.operationId)).toBe(op.operationId);
      }
    },
  );

  it('an unset or empty TIM_SPEC means the project spec; a missing file is a clear error', () => {
    expect(specPathFrom(undefined)).toBe(DEFAULT_SPEC_PATH);
    expect(specPathFrom('  ')).toBe(DEFAULT_SPEC_PATH);
    expect(() => specPathFrom(join(dir, 'absent.yaml'))).toThrow(
      /TIM_SPEC names '.*absent\.yaml', which does not exist/,
    );
  });
});

describe('a doubled copy of the spec', () => {
  it('has a valid `<op>_copy` with x-tim-copy-of for every operation', () => {
    const spec = loadSpecFrom(doubledPath);
    const originals = operations(loadSpecFrom(DEFAULT_SPEC_PATH));
    const all = operations(spec);
    expect(all).toHaveLength(2 * originals.length);
    for (const op of originals) {
      const copy = all.find((o) => o.operationId === `${op.operationId}_copy`);
      expect(copy?.path).toBe(`${op.path}_copy`);
      expect(copy?.['x-tim-copy-of']).toBe(op.operationId);
      expect(originalOperationId(`${op.operationId}_copy`, spec)).toBe(op.operationId);
      const raw = (spec.paths?.[`${op.path}_copy`]?.post ?? {}) as Record<string, unknown>;
      expect(validateAgainst('x-tim-operation.schema.json', raw).errors).toEqual([]);
    }
  });

  it('generates for each copy the cases of its original', () => {
    const spec = loadSpecFrom(doubledPath);
    const ids = generateSuite({ spec }).cases.map(caseId);
    const originalIds = generateSuite({ spec: loadSpecFrom(DEFAULT_SPEC_PATH) }).cases.map(caseId);
    const copyIds = ids.filter((id) => /^[a-z_]+_copy\//.test(id));
    expect(copyIds.sort()).toEqual(originalIds.map((id) => id.replace('/', '_copy/')).sort());
  });

  it('rejects x-tim-copy-of naming an operation the spec does not have', () => {
    const broken = join(dir, 'broken.openapi.yaml');
    writeFileSync(
      broken,
      doubledSpecText().replace('"x-tim-copy-of": "get_group_attr"', '"x-tim-copy-of": "no_such_operation"'),
    );
    expect(() => operations(loadSpecFrom(broken))).toThrow(/get_group_attr_copy: x-tim-copy-of 'no_such_operation'/);
  });

  it('in a process with TIM_SPEC naming it, the generator and the mock serve the copies', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', PROBE], {
      cwd: REPO_ROOT,
      env: { ...process.env, TIM_SPEC: doubledPath },
      timeout: 20_000,
    });
    const probe = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      specPath: string;
      copies: Record<string, string>;
      casesPerOperation: Record<string, number>;
      tablesServeCopy: boolean;
      answers: Record<string, unknown>;
    };
    expect(probe.specPath).toBe(doubledPath);
    const originals = operations(loadSpecFrom(DEFAULT_SPEC_PATH)).map((op) => op.operationId);
    expect(probe.copies).toEqual(Object.fromEntries(originals.map((id) => [`${id}_copy`, id])));
    for (const id of originals) expect(probe.casesPerOperation[`${id}_copy`], id).toBe(probe.casesPerOperation[id]);
    expect(probe.tablesServeCopy).toBe(true);
    // 0, not 60009 (unknown command): the copies reach the originals' handlers and state.
    expect(probe.answers).toEqual({
      create_group_copy: 0,
      set_group_attr_copy: 0,
      get_group_attr: 0,
      attrsSeenByOriginal: [{ key: 'k', value: 'v' }],
    });
  });
});
