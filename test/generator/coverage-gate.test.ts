// The spec coverage report end to end, and the coverage gate: `run` against the embedded mock
// writes coverage.json (valid against its schema) and coverage.md next to results.json, every
// generated check passes there, and every error code an operation documents that the reference
// mock can produce (no noCase reason in the contract data) is expected by some check of some suite. The gate is
// shown to fail on copies of the data with a code left unprovoked or a stale noCase mark.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { errorCodes, loadSpecFrom } from '../../test-utils/contract/index.ts';
import { SPEC_PATH } from '../../test-utils/contract/paths.ts';
import {
  COVERAGE_JSON,
  COVERAGE_MD,
  coverageProblems,
  runCoverage,
  type CoverageReport,
} from '../../test-utils/generator/index.ts';
import type { ResultsFile } from '../../test-utils/runner/results.ts';
import { runConformance } from '../../test-utils/runner/run-conformance.ts';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'test-utils', 'generator', 'coverage.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

const reportDir = mkdtempSync(join(tmpdir(), 'timc-coverage-gate-'));
let exitCode: number;
let results: ResultsFile;
let report: CoverageReport;

beforeAll(async () => {
  // The whole conformance suite, once: what the gate needs is which codes every suite expects.
  exitCode = await runConformance(
    { seed: '1', reportDir },
    {},
    { out: () => {}, err: () => {} },
    {},
    { handleSignals: false },
  );
  results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as ResultsFile;
  report = JSON.parse(readFileSync(join(reportDir, COVERAGE_JSON), 'utf8')) as CoverageReport;
}, 240_000);

describe('the spec coverage report of a run against the embedded mock', () => {
  test('coverage.json and coverage.md are written next to results.json; coverage.json validates against its schema', () => {
    expect(exitCode).toBeTypeOf('number');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const markdown = readFileSync(join(reportDir, COVERAGE_MD), 'utf8');
    for (const row of report.operations) expect(markdown).toContain(`| ${row.operation} |`);
    expect(markdown).toContain('None: every documented code without a noCase reason has a generated case.');
    expect(markdown).toContain(
      'None: every documented code that the reference mock can produce was provoked by a check (or only accepted inside a set, above).',
    );
    expect(markdown).toContain('## Accepted, never provoked');
    expect(report.seed).toBe(results.seed);
  });

  test('every generated check passes against the plain mock, except the cases not defined today, reported as not run with their reason', () => {
    const generated = results.tests.filter((t) => t.check.startsWith('gen-'));
    expect(generated.length).toBeGreaterThan(150);
    const notDefined = (t: ResultsFile['tests'][number]) =>
      t.status === 'skipped' && /^(not defined yet \(undecided\)|covered elsewhere): /.test(t.reason ?? '');
    // A write-rate burst a loaded machine could not deliver within one second is not run, never a verdict.
    const inconclusiveBurst = (t: ResultsFile['tests'][number]) =>
      t.status === 'skipped' &&
      t.check === 'gen-group-write-rate' &&
      /none arrived within one second/.test(t.reason ?? '');
    expect(
      generated
        .filter((t) => t.status !== 'passed' && !notDefined(t) && !inconclusiveBurst(t))
        .map((t) => `${t.id}: ${t.failure?.message ?? t.reason}`),
    ).toEqual([]);
    const byId = new Map(generated.map((t) => [t.id, t]));
    expect(byId.get('create_group/gen-wrong-type-introduction')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^not defined yet \(undecided\): the profile has no row/),
    });
    expect(byId.get('clear_group_attr/gen-row-counts-as-attr-write')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^covered elsewhere: a rate/),
    });
  });

  test('counts codes from hand-written suites too, per operation', () => {
    const common = new Map(report.commonCodes.map((c) => [c.code, c]));
    // Only hand-written signing checks provoke the signature codes.
    expect(common.get(70001)?.provokedBy.every((id) => !id.includes('/gen-'))).toBe(true);
    expect(common.get(70001)?.provokedBy.length).toBeGreaterThan(0);
    const deleteAttr = report.operations.find((r) => r.operation === 'delete_group_attr')!;
    expect(deleteAttr.codes.find((c) => c.code === 10050)?.provokedBy.length).toBeGreaterThan(0);
  });

  test('the gate: every documented code without a noCase reason is provoked by some check (or only accepted inside a set), and no noCase code is provoked', () => {
    expect(coverageProblems(report)).toEqual([]);
    // A code accepted inside a set that the mock answers with the other member is listed apart, never as covered.
    for (const c of report.acceptedNeverProvoked) expect(c.acceptedBy.length).toBeGreaterThan(0);
    const covered = report.operations.flatMap((r) => r.codes).filter((c) => c.covered);
    expect(covered.every((c) => c.provokedBy.length > 0)).toBe(true);
    expect(report.summary.provoked).toBe(covered.length);
  });
});

describe('the gate can fail', () => {
  test('when no check provokes a documented code (the checks that expect 10050 of delete_group_attr left out of a copy of the results)', () => {
    const expects10050 = (t: ResultsFile['tests'][number]) =>
      (t.codes ?? []).some((c) => c.operation === 'delete_group_attr' && c.expected.includes(10050));
    expect(results.tests.some(expects10050)).toBe(true);
    const copy: ResultsFile = { ...results, tests: results.tests.filter((t) => !expects10050(t)) };
    expect(coverageProblems(runCoverage(copy))).toEqual([
      expect.stringMatching(/^delete_group_attr 10050: documented, not marked noCase/),
    ]);
  });

  test('when a code loses its noCase reason in a copy of the spec, or a provoked code gains one', () => {
    const doc = parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, any>;
    const errorsOf = (command: string) =>
      Object.values(doc.paths as Record<string, any>).find((p) => p.post?.operationId === command).post[
        'x-tim-errors'
      ] as Record<string, unknown>[];
    delete errorsOf('create_group').find((e) => e.code === 10025)!.noCase;
    errorsOf('clear_group_attr').find((e) => e.code === 10007)!.noCase = 'pretend nothing can provoke it';
    const specPath = join(reportDir, 'spec-copy.yaml');
    writeFileSync(specPath, stringify(doc));
    const problems = coverageProblems(runCoverage(results, { spec: loadSpecFrom(specPath) }));
    expect(problems).toEqual([
      expect.stringMatching(/^clear_group_attr 10007: marked noCase .* but provoked by /),
      expect.stringMatching(/^create_group 10025: documented, not marked noCase/),
    ]);
  });

  test('when the catalogue no longer marks 10002 noCase (it applies to every operation that documents it)', () => {
    const catalogue = errorCodes().map((entry) => (entry.code === 10002 ? { ...entry, noCase: undefined } : entry));
    const problems = coverageProblems(runCoverage(results, { catalogue }));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^[a-z_]+ 10002: documented, not marked noCase/);
  });
});
