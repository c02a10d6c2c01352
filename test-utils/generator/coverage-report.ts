/**
 * The spec coverage report, written by the runner next to results.json: coverage.json (valid
 * against coverage.schema.json, beside this file) and coverage.md, built from the run's results
 * by runCoverage. Which codes a run provoked comes from every suite's checks, not only the
 * generated ones.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from '../runner/results.ts';
import { coverageProblems, runCoverage, type CodeCoverage, type CoverageReport } from './run-coverage.ts';

export const COVERAGE_JSON = 'coverage.json';
export const COVERAGE_MD = 'coverage.md';

const list = (items: readonly (string | number)[]): string => (items.length > 0 ? items.join(', ') : '—');
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const isAcceptedOnly = (c: CodeCoverage): boolean =>
  !c.covered && c.expectedBy.length > 0 && c.acceptedBy.length === c.expectedBy.length;

/** Codes (without a noCase reason) that no generated case expects: left to hand-written checks, or to nothing. */
function withoutGeneratedCase(report: CoverageReport): string[] {
  const rows = report.operations.flatMap((row) =>
    row.codes
      .filter((c) => c.generatedCases.length === 0 && c.noCase === null)
      .map(
        (c) =>
          `| ${row.operation} | ${c.code} | ${cell(c.meaning)} | ${c.expectedBy.length > 0 ? list(c.expectedBy) : '**nothing**'} |`,
      ),
  );
  if (rows.length === 0) return ['None: every documented code without a noCase reason has a generated case.'];
  return ['| operation | code | meaning | expected by |', '|---|---|---|---|', ...rows];
}

export function coverageReportMarkdown(report: CoverageReport): string {
  const { summary } = report;
  const problems = coverageProblems(report);
  const lines = [
    '# Spec coverage',
    '',
    `Target ${report.target.kind} (${report.target.baseUrl}), seed ${report.seed}. ${summary.operations} operations, ` +
      `${summary.documentedCodes} documented (operation, code) pairs: ${summary.provoked} covered (provoked: the target answered them), ` +
      `${summary.expected} expected by some check, ${summary.acceptedNeverProvoked} accepted inside a documented set but never provoked, ` +
      `${summary.noCase} with no possible case on the reference mock. A code counts as covered only when a check provoked it.`,
    '',
    '## Per operation',
    '',
    '| operation | group types exercised | not exercised | codes provoked (covered) | codes expected, another answered | codes no check expected | limits exercised | limits not exercised | fields exercised | fields not exercised |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...report.operations.map((row) => {
      const provoked = row.codes.filter((c) => c.provokedBy.length > 0).map((c) => c.code);
      const answeredOtherwise = row.codes
        .filter((c) => c.expectedBy.length > 0 && c.provokedBy.length === 0)
        .map((c) => (isAcceptedOnly(c) ? `${c.code} (accepted)` : String(c.code)));
      const never = row.codes
        .filter((c) => c.expectedBy.length === 0)
        .map((c) => (c.noCase ? `${c.code} (no case)` : `**${c.code}**`));
      const limitsDone = row.limits.filter((l) => l.exercisedBy.length > 0).map((l) => l.id);
      const limitsNot = row.limits.filter((l) => l.exercisedBy.length === 0).map((l) => l.id);
      const fieldsDone = row.fields.filter((f) => f.exercisedBy.length > 0).map((f) => f.name);
      const fieldsNot = row.fields.filter((f) => f.exercisedBy.length === 0).map((f) => f.name);
      return `| ${row.operation} | ${list(row.groupTypes.exercised)} | ${list(row.groupTypes.notExercised)} | ${list(provoked)} | ${list(answeredOtherwise)} | ${list(never)} | ${list(limitsDone)} | ${list(limitsNot)} | ${list(fieldsDone)} | ${list(fieldsNot)} |`;
    }),
    '',
    '## Accepted, never provoked',
    '',
    'Codes that checks accepted only as one member of a documented set, and that the target never answered (it answered another member). They are not covered, and not gaps of the suite either: no check can make a conformant target pick one member of a set.',
    '',
    ...(report.acceptedNeverProvoked.length === 0
      ? ['None.']
      : [
          '| operation | code | meaning | accepted by |',
          '|---|---|---|---|',
          ...report.acceptedNeverProvoked.map(
            (c) =>
              `| ${c.operation ?? '(common)'} | ${c.code} | ${cell(c.meaning)} | ${c.acceptedBy.length > 3 ? `${c.acceptedBy.slice(0, 3).join(', ')} (+${c.acceptedBy.length - 3})` : list(c.acceptedBy)} |`,
          ),
        ]),
    '',
    '## Documented codes with no case',
    '',
    'Codes the contract data marks `noCase`: no request makes the reference mock answer them.',
    '',
    '| operation | code | meaning | why there is no case |',
    '|---|---|---|---|',
    ...report.operations.flatMap((row) =>
      row.codes
        .filter((c) => c.noCase !== null)
        .map((c) => `| ${row.operation} | ${c.code} | ${cell(c.meaning)} | ${cell(c.noCase!)} |`),
    ),
    ...report.commonCodes
      .filter((c) => c.noCase !== null)
      .map((c) => `| (common) | ${c.code} | ${cell(c.meaning)} | ${cell(c.noCase!)} |`),
    '',
    '## Documented codes without a generated case',
    '',
    ...withoutGeneratedCase(report),
    '',
    '## Common codes (no operation documents them)',
    '',
    '| code | category | meaning | provoked by | expected by |',
    '|---|---|---|---|---|',
    ...report.commonCodes.map(
      (c) =>
        `| ${c.code} | ${c.category} | ${cell(c.meaning)} | ${c.provokedBy.length} check(s) | ${c.expectedBy.length} check(s) |`,
    ),
    '',
    '## Gaps',
    '',
    ...(problems.length > 0
      ? problems.map((p) => `- ${p}`)
      : [
          'None: every documented code that the reference mock can produce was provoked by a check (or only accepted inside a set, above).',
        ]),
    '',
  ];
  return lines.join('\n');
}

export function writeCoverageReport(results: ResultsFile, reportDir: string): string[] {
  const report = runCoverage(results);
  const jsonPath = join(reportDir, COVERAGE_JSON);
  const mdPath = join(reportDir, COVERAGE_MD);
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(mdPath, coverageReportMarkdown(report));
  return [jsonPath, mdPath];
}
