// Expectations per target: known deviations become expected failures (not gating), a failure not
// listed still gates, a listed check that now passes is an unexpected pass (gating), and
// --update-expectations rewrites the file from a run. Built on a real run of a fixture suite with
// one check of each outcome.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { closedPortTarget } from '../closed-port-target.ts';
import {
  applyExpectations,
  ExpectationsError,
  parseExpectations,
  PLACEHOLDER_REASON,
  readExpectations,
  updateExpectations,
  type ExpectationsFile,
} from '../../test-utils/expectations/index.ts';
import { toJunitXml } from '../../test-utils/runner/junit.ts';
import { buildResults, exitCodeFor, type ResultsFile } from '../../test-utils/runner/results.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';
import { formatSummary } from '../../test-utils/runner/summary.ts';

const MIXED = join(import.meta.dirname, '..', 'fixtures', 'suites', 'mixed');
const resultsSchema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'test-utils', 'runner', 'results.schema.json'), 'utf8'),
);
const validateResults = new Ajv2020({ strict: true, allErrors: true }).compile(resultsSchema);

const PASSES = 'get_group_attr/fixture-passes';
const FAILS = 'get_group_attr/fixture-fails';
const THROWS = 'get_group_attr/fixture-throws';
const TENTATIVE = 'get_group_attr/fixture-tentative-fails';
const NOT_RUN = 'get_group_attr/fixture-not-run';

function expectations(entries: [string, string][]): ExpectationsFile {
  return { expectations: entries.map(([id, reason]) => ({ id, reason })) };
}

let plain: ResultsFile;

/** The run judged against an expectations file (exp.json) listing these [check id, reason] pairs. */
function judge(...entries: Array<[string, string]>): ResultsFile {
  return applyExpectations(plain, expectations(entries), 'exp.json');
}

beforeAll(async () => {
  const target = closedPortTarget('expect01', { secretKey: 'expectations-test-secret-key', seed: 3 });
  const run = await runSuites({ target, suitesDir: MIXED, workers: 1 });
  plain = buildResults(target, run.entries, run.reason);
}, 60_000);

describe('judging a run against an expectations file', () => {
  test('without a file, the two documented failures gate (the baseline)', () => {
    expect(plain.summary).toEqual({ passed: 1, failed: 2, skipped: 1, tentativeFailed: 1 });
    expect(exitCodeFor(plain)).toBe(1);
  });

  test('known deviations: listed failures are expected failures and do not gate', () => {
    const judged = judge([FAILS, 'answers 10004'], [THROWS, 'vendor bug #12']);
    const fails = judged.tests.find((t) => t.id === FAILS)!;
    expect(fails).toMatchObject({
      status: 'failed',
      gating: false,
      expectation: { state: 'expected-failure', reason: 'answers 10004' },
    });
    expect(judged.summary).toEqual({
      passed: 1,
      failed: 0,
      skipped: 1,
      tentativeFailed: 1,
      expectedFailed: 2,
      unexpectedPassed: 0,
    });
    expect(exitCodeFor(judged)).toBe(0);
    expect(validateResults(judged), JSON.stringify(validateResults.errors)).toBe(true);
  });

  test('a new failure still gates', () => {
    const judged = judge([FAILS, 'answers 10004']);
    expect(judged.summary.failed).toBe(1);
    expect(judged.tests.find((t) => t.id === THROWS)).toMatchObject({ status: 'failed', gating: true });
    expect(judged.tests.find((t) => t.id === THROWS)!.expectation).toBeUndefined();
    expect(exitCodeFor(judged)).toBe(1);
  });

  test('a listed check that passes is an unexpected pass, and it gates', () => {
    const judged = judge([FAILS, 'a'], [THROWS, 'b'], [PASSES, 'was broken in March']);
    expect(judged.tests.find((t) => t.id === PASSES)).toMatchObject({
      status: 'passed',
      expectation: { state: 'unexpected-pass', reason: 'was broken in March' },
    });
    expect(judged.summary).toMatchObject({ failed: 0, passed: 1, unexpectedPassed: 1 });
    expect(exitCodeFor(judged)).toBe(1);
    const summary = formatSummary(judged);
    expect(summary).toContain('Unexpected passes (1;');
    expect(summary).toContain(`! ${PASSES}`);
    expect(summary).toMatch(/^FAIL: 1 passed, 0 failed \(gating\), 2 expected failure\(s\), 1 unexpected pass\(es\)/m);
    expect(validateResults(judged), JSON.stringify(validateResults.errors)).toBe(true);
  });

  test('listed checks that reached no verdict are only reported', () => {
    const judged = judge([FAILS, 'a'], [THROWS, 'b'], [NOT_RUN, 'c'], ['get_group_attr/not-in-this-run', 'd']);
    expect(judged.expectations).toEqual({
      file: 'exp.json',
      listed: 4,
      notRun: [NOT_RUN, 'get_group_attr/not-in-this-run'],
    });
    expect(judged.tests.find((t) => t.id === NOT_RUN)!.expectation).toBeUndefined();
    expect(exitCodeFor(judged)).toBe(0);
    expect(formatSummary(judged)).toContain('Listed in the expectations file but not run to a verdict (2)');
  });

  test('a tentative failure can be listed too; it then reads as expected', () => {
    const judged = judge([TENTATIVE, 'known']);
    expect(judged.summary).toMatchObject({ tentativeFailed: 0, expectedFailed: 1, failed: 2 });
  });

  test('junit.xml: an expected failure is skipped, an unexpected pass is a failure', () => {
    const judged = judge([FAILS, 'answers 10004'], [PASSES, 'was broken']);
    const xml = toJunitXml(judged);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const cases = [doc.testsuites.testsuite]
      .flat()
      .flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Record<string, any>[];
    const byName = new Map(cases.map((c) => [c.name, c]));
    expect(byName.get(FAILS)!.skipped.message).toMatch(/^expected failure \(answers 10004\): /);
    expect(byName.get(FAILS)!.failure).toBeUndefined();
    expect(byName.get(PASSES)!.failure).toMatchObject({ type: 'unexpected-pass' });
    // failures = the still-gating THROWS + the unexpected pass
    expect(Number(doc.testsuites.failures)).toBe(2);
    const properties = [byName.get(FAILS)!.properties.property].flat() as { name: string; value: string }[];
    expect(properties).toContainEqual({ name: 'expectation', value: 'expected-failure' });
  });
});

describe('--update-expectations', () => {
  test('keeps reasons of entries that still fail, drops fixed ones, adds new failures with a placeholder, keeps unknowns', () => {
    const previous = expectations([
      [FAILS, 'answers 10004 (ticket 7)'],
      [PASSES, 'was broken'],
      [NOT_RUN, 'needs a basic app we do not have'],
    ]);
    const update = updateExpectations({ target: 'region:singapore', ...previous }, plain);
    expect(update.added.sort()).toEqual([TENTATIVE, THROWS].sort());
    expect(update.dropped).toEqual([PASSES]);
    expect(update.kept).toEqual([FAILS, NOT_RUN]);
    expect(update.file).toEqual({
      target: 'region:singapore',
      expectations: [
        { id: FAILS, reason: 'answers 10004 (ticket 7)' },
        { id: NOT_RUN, reason: 'needs a basic app we do not have' },
        { id: TENTATIVE, reason: PLACEHOLDER_REASON },
        { id: THROWS, reason: PLACEHOLDER_REASON },
      ],
    });
    // The rewritten file is valid input, and with it the same run passes.
    const judged = applyExpectations(plain, parseExpectations(update.file, 'updated'), 'updated');
    expect(exitCodeFor(judged)).toBe(0);
  });

  test('never lists suite load errors or run errors', () => {
    const withError: ResultsFile = {
      ...plain,
      tests: [
        ...plain.tests,
        { ...plain.tests.find((t) => t.id === THROWS)!, id: 'collection/suites/broken.check.ts' },
      ],
    };
    expect(updateExpectations({ expectations: [] }, withError).added).not.toContain(
      'collection/suites/broken.check.ts',
    );
  });
});

describe('reading an expectations file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'timc-expect-files-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test('a valid file', () => {
    const path = write(
      'ok.json',
      JSON.stringify({
        $schema: './expectations.schema.json',
        target: 'vendor-x',
        expectations: [{ id: FAILS, reason: 'r', link: 'https://example.com/7' }],
      }),
    );
    expect(readExpectations(path).expectations).toHaveLength(1);
  });

  test.each([
    [
      'missing-reason.json',
      JSON.stringify({ expectations: [{ id: FAILS }] }),
      /missing-reason\.json does not match expectations\.schema\.json: \/expectations\/0 must have required property 'reason'/,
    ],
    [
      'extra.json',
      JSON.stringify({ expectations: [{ id: FAILS, reason: 'r', expected: 'FAIL' }] }),
      /\/expectations\/0 must NOT have additional properties \('expected'\)/,
    ],
    ['array.json', JSON.stringify([{ id: FAILS, reason: 'r' }]), /the top level must be object/],
    [
      'collection.json',
      JSON.stringify({ expectations: [{ id: 'collection/suites/x.check.ts', reason: 'r' }] }),
      /\/expectations\/0\/id must match pattern/,
    ],
    [
      'twice.json',
      JSON.stringify({
        expectations: [
          { id: FAILS, reason: 'r' },
          { id: FAILS, reason: 's' },
        ],
      }),
      /lists 'get_group_attr\/fixture-fails' twice \(again at \/expectations\/1\)/,
    ],
    ['broken.json', '{ "expectations": [', /broken\.json is not valid JSON/],
  ])('%s is refused with one clear sentence', (name, text, message) => {
    const path = write(name, text);
    expect(() => readExpectations(path)).toThrow(ExpectationsError);
    expect(() => readExpectations(path)).toThrow(message);
  });

  test('a missing file is an error, unless it is to be created', () => {
    const path = join(dir, 'absent.json');
    expect(() => readExpectations(path)).toThrow(
      /absent\.json cannot be read \(ENOENT\).*--update-expectations to create it/,
    );
    expect(readExpectations(path, { missingOk: true })).toEqual({ expectations: [] });
  });
});

test('the example file in docs/expectations.md is valid', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'expectations.md'), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(example).toBeDefined();
  expect(parseExpectations(JSON.parse(example!), 'docs/expectations.md').expectations.length).toBeGreaterThan(0);
});
