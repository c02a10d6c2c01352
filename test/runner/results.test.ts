// The runner's outputs from real vitest runs of small fixture suites: results.json validates
// against its schema, junit.xml parses, ids are stable and unique, outcomes are counted right.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { closedPortTarget } from '../closed-port-target.ts';
import type { ResolvedTarget } from '../../test-utils/contract/types.ts';
import { buildResults, exitCodeFor, type ResultsFile } from '../../test-utils/runner/results.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';
import { writeReports } from '../../test-utils/runner/run-conformance.ts';
import { formatSummary } from '../../test-utils/runner/summary.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'suites');
const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'test-utils', 'runner', 'results.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function target(overrides: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return closedPortTarget('results1', { secretKey: 'results-test-secret-key', ...overrides });
}

async function run(dir: string, t = target(), grep?: string): Promise<ResultsFile> {
  const outcome = await runSuites({ target: t, suitesDir: join(FIXTURES, dir), workers: 2, grep });
  return buildResults(t, outcome.entries, outcome.reason);
}

describe('a run with one check of each outcome', () => {
  let results: ResultsFile;
  beforeAll(async () => {
    results = await run('mixed');
  });

  test('results.json validates against its schema', () => {
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
  });

  test('counts passed, gating failures, tentative failures and not-run apart', () => {
    expect(results.summary).toEqual({ passed: 1, failed: 2, skipped: 1, tentativeFailed: 1 });
    expect(exitCodeFor(results)).toBe(1);
  });

  test('each entry carries its stable id and metadata', () => {
    const byId = new Map(results.tests.map((t) => [t.id, t]));
    expect([...byId.keys()].sort()).toEqual([
      'get_group_attr/fixture-fails',
      'get_group_attr/fixture-not-run',
      'get_group_attr/fixture-passes',
      'get_group_attr/fixture-tentative-fails',
      'get_group_attr/fixture-throws',
    ]);
    const failed = byId.get('get_group_attr/fixture-fails')!;
    expect(failed).toMatchObject({
      status: 'failed',
      gating: true,
      evidence: 'documented',
      operation: 'get_group_attr',
      check: 'fixture-fails',
    });
    expect(failed.failure).toMatchObject({
      curl: expect.stringContaining('usersig=<redacted>'),
      response: { ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'bad' },
      expected: 'an unknown group: ErrorCode 10010 (documented-set: any of 10010, 10015)',
    });
    expect(byId.get('get_group_attr/fixture-tentative-fails')).toMatchObject({ status: 'failed', gating: false });
    expect(byId.get('get_group_attr/fixture-not-run')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/basic app/),
    });
    expect(byId.get('get_group_attr/fixture-throws')!.failure!.message).toBe(
      'get_group_attr/fixture-throws: a plain error inside a check',
    );
  });

  test('junit.xml is valid XML with one testcase per check, named by id', () => {
    const [junitPath, resultsPath] = writeReports(results, mkdtempSync(join(tmpdir(), 'timc-junit-')));
    const xml = readFileSync(junitPath!, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const cases = [doc.testsuites.testsuite].flat().flatMap((s: any) => [s.testcase].flat());
    expect(cases.map((c: any) => c.name).sort()).toEqual(results.tests.map((t) => t.id).sort());
    expect(doc.testsuites.failures).toBe('2');
    const notRun = cases.find((c: any) => c.name === 'get_group_attr/fixture-not-run');
    expect(notRun.skipped.message).toMatch(/^not run: the target has no basic app/);
    const tentative = cases.find((c: any) => c.name === 'get_group_attr/fixture-tentative-fails');
    expect(tentative.failure).toBeUndefined();
    expect(tentative.skipped.message).toMatch(/^tentative check failed \(does not gate\)/);
    expect(JSON.parse(readFileSync(resultsPath!, 'utf8'))).toEqual(results);
    expect(xml + readFileSync(resultsPath!, 'utf8')).not.toContain('results-test-secret-key');
  });

  test('the summary lists gating failures first, then tentative, then not run', () => {
    const text = formatSummary(results);
    const order = ['Gating failures (2)', 'Tentative findings (1', 'Not run (1)', 'FAIL: 1 passed, 2 failed'].map((s) =>
      text.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('ids and gating', () => {
  test('checkEachGroupType expands into one check per type with the type in the id', async () => {
    const results = await run('passing');
    expect(results.tests.map((t) => t.id).sort()).toEqual([
      'get_group_attr/fixture-each-type/Private',
      'get_group_attr/fixture-each-type/Public',
      'get_group_attr/fixture-ok',
    ]);
    expect(results.tests.find((t) => t.id.endsWith('/Private'))).toMatchObject({
      groupType: 'Private',
      status: 'passed',
    });
    expect(exitCodeFor(results)).toBe(0);
  });

  test('a duplicate id or an unknown operation fails the file at collection', async () => {
    const results = await run('invalid');
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
    const failures = results.tests.filter((t) => t.status === 'failed').map((t) => `${t.id}: ${t.failure!.message}`);
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^collection\/.*duplicate-id\.check\.ts: .*duplicate check id 'get_group_attr\/fixture-twice'/,
        ),
        expect.stringMatching(
          /^collection\/.*unknown-operation\.check\.ts: .*unknown operation; known: .*clear_group_attr/,
        ),
      ]),
    );
    expect(exitCodeFor(results)).toBe(1);
  });

  test('a tentative failure does not gate, unless strict', async () => {
    const lenient = await run('tentative');
    expect(lenient.summary).toEqual({ passed: 1, failed: 0, skipped: 0, tentativeFailed: 1 });
    expect(exitCodeFor(lenient)).toBe(0);
    const strict = await run('tentative', target({ strict: true }));
    expect(strict.summary).toEqual({ passed: 1, failed: 1, skipped: 0, tentativeFailed: 0 });
    expect(exitCodeFor(strict)).toBe(1);
  });

  test('--grep keeps only matching checks; a run where nothing ran does not pass', async () => {
    const one = await run('passing', target(), 'fixture-each-type/Public');
    expect(one.tests.map((t) => t.id)).toEqual(['get_group_attr/fixture-each-type/Public']);
    const none = await run('passing', target(), 'matches-nothing');
    expect(none.tests).toEqual([]);
    expect(exitCodeFor(none)).toBe(1);
  });
});
