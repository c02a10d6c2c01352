/**
 * The few lines a person reads after a run: the verdict with its counts, then gating
 * failures, tentative findings and checks not run with their reasons, in that order.
 *
 * Bounded: failures are grouped by likely cause (failure-groups.ts), each group shows its check
 * ids, one example with the expectation, the answer and the request cut to a line, and one
 * command that reruns the group's checks; whole bodies are in results.json and the reports.
 */
import { exitCodeFor, nothingRan, type ResultsFile, type TestEntry } from './results.ts';
import { groupFailures, type FailureGroup } from './failure-groups.ts';
import { plain, type Paint } from './colour.ts';
import { rerunCommand, variablesNote } from '../check/reproduction.ts';

const MAX_LISTED = 50;
/** Groups shown in full; the rest get one line each. */
const MAX_GROUPS_IN_FULL = 10;
/** Check ids listed per group (and given to its rerun command). */
const MAX_IDS_PER_GROUP = 8;
/** Longest line of an example (response, request, expectation). */
export const SUMMARY_LINE_CHARS = 240;

export function cut(text: string, max = SUMMARY_LINE_CHARS): string {
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length <= max ? line : `${line.slice(0, max)}… (${line.length} chars; whole in results.json)`;
}

function responseText(response: unknown): string {
  if (response === null || response === undefined) return '(no response)';
  return typeof response === 'string' ? response : JSON.stringify(response);
}

function idsLine(tests: readonly TestEntry[]): string {
  const shown = tests.slice(0, MAX_IDS_PER_GROUP).map((t) => t.id);
  const more = tests.length > shown.length ? ` … and ${tests.length - shown.length} more (results.json)` : '';
  return `${shown.join(', ')}${more}`;
}

function groupBlock(
  group: FailureGroup,
  results: ResultsFile,
  paint: Paint,
  mark: string,
  suitesDir: string | undefined,
): string[] {
  const example = group.tests[0]!;
  const failure = example.failure;
  const lines = [
    `  ${paint('red', mark)} ${paint('bold', `[${group.tests.length}] ${group.title}`)}`,
    `      checks:   ${idsLine(group.tests)}`,
  ];
  if (failure) {
    const problem = (failure.message.split('\n')[0] ?? '').replace(/^.*?: /, '');
    lines.push(`      e.g.:     ${cut(`${example.id}: ${problem}`)}`);
    lines.push(`      expected: ${cut(failure.expected)}`);
    lines.push(`      answered: ${cut(responseText(failure.response))}`);
    if (failure.curl) lines.push(`      request:  ${cut(failure.curl)}`);
  }
  const ids = group.tests.slice(0, MAX_IDS_PER_GROUP).map((t) => t.id);
  if (example.operation !== '') {
    const note = variablesNote(results.target);
    lines.push(
      `      rerun:    ${paint('cyan', rerunCommand({ target: results.target, seed: results.seed, ...(suitesDir ? { suitesDir } : {}) }, ids))}${note ? `  ${note}` : ''}`,
    );
  }
  return lines;
}

function groupedFailures(
  groups: FailureGroup[],
  results: ResultsFile,
  paint: Paint,
  mark: string,
  suitesDir?: string,
): string[] {
  const lines: string[] = [];
  groups
    .slice(0, MAX_GROUPS_IN_FULL)
    .forEach((group) => lines.push(...groupBlock(group, results, paint, mark, suitesDir)));
  const rest = groups.slice(MAX_GROUPS_IN_FULL);
  for (const group of rest.slice(0, MAX_LISTED))
    lines.push(`  ${mark} [${group.tests.length}] ${cut(group.title, 120)}: ${cut(idsLine(group.tests), 160)}`);
  if (rest.length > MAX_LISTED) lines.push(`  … and ${rest.length - MAX_LISTED} more cause(s) (see report.md)`);
  return lines;
}

function listed<T>(items: T[], render: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map(render);
  if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more (see results.json)`);
  return lines;
}

export interface SummaryOptions {
  /** Colours for a terminal (colour.ts); plain text by default. */
  paint?: Paint;
  /** The run's --suites directory, when not suites/ (the rerun commands need it). */
  suitesDir?: string;
}

export function formatSummary(results: ResultsFile, reportFiles: string[] = [], options: SummaryOptions = {}): string {
  const paint = options.paint ?? plain;
  const { passed, failed, skipped, tentativeFailed } = results.summary;
  const gatingFailures = results.tests.filter((t) => t.status === 'failed' && t.gating);
  const tentative = results.tests.filter((t) => t.status === 'failed' && !t.gating && !t.expectation);
  const expected = results.tests.filter((t) => t.expectation?.state === 'expected-failure');
  const unexpectedPasses = results.tests.filter((t) => t.expectation?.state === 'unexpected-pass');
  const notRun = results.tests.filter((t) => t.status === 'skipped');
  const lines: string[] = [];

  if (gatingFailures.length > 0) {
    const groups = groupFailures(gatingFailures);
    lines.push(paint('bold', `Gating failures (${gatingFailures.length}) by likely cause (${groups.length}):`));
    lines.push(...groupedFailures(groups, results, paint, '✗', options.suitesDir));
    lines.push('');
  }
  if (tentative.length > 0) {
    const groups = groupFailures(tentative);
    lines.push(
      `Tentative findings (${tentative.length}; inferred behaviour, not gating unless --strict) by likely cause (${groups.length}):`,
    );
    lines.push(
      ...groups
        .slice(0, MAX_LISTED)
        .map(
          (g) => `  ${paint('yellow', '~')} [${g.tests.length}] ${cut(g.title, 120)}: ${cut(idsLine(g.tests), 160)}`,
        ),
    );
    if (groups.length > MAX_LISTED) lines.push(`  … and ${groups.length - MAX_LISTED} more cause(s) (see report.md)`);
    lines.push('');
  }
  if (unexpectedPasses.length > 0) {
    lines.push(
      `Unexpected passes (${unexpectedPasses.length}; listed in ${results.expectations?.file ?? 'the expectations file'} but passed, gating: update the file with --update-expectations):`,
    );
    lines.push(...listed(unexpectedPasses, (t) => `  ! ${t.id} (listed: ${t.expectation?.reason ?? ''})`));
    lines.push('');
  }
  if (expected.length > 0) {
    lines.push(
      `Expected failures (${expected.length}; known deviations listed in ${results.expectations?.file ?? 'the expectations file'}, not gating):`,
    );
    lines.push(...listed(expected, (t) => `  = ${t.id}: ${t.expectation?.reason ?? ''}`));
    lines.push('');
  }
  const listedNotRun = results.expectations?.notRun ?? [];
  if (listedNotRun.length > 0) {
    lines.push(`Listed in the expectations file but not run to a verdict (${listedNotRun.length}):`);
    lines.push(...listed(listedNotRun, (id) => `  ? ${id}`));
    lines.push('');
  }
  if (notRun.length > 0) {
    const groups = groupFailures(notRun);
    lines.push(`Not run (${notRun.length}):`);
    lines.push(
      ...groups
        .slice(0, MAX_LISTED)
        .map((g) => `  - ${cut(g.tests[0]!.reason ?? 'skipped', 160)}: ${cut(idsLine(g.tests), 160)}`),
    );
    if (groups.length > MAX_LISTED) lines.push(`  … and ${groups.length - MAX_LISTED} more reason(s) (see report.md)`);
    lines.push('');
  }
  const { expectedFailed, unexpectedPassed } = results.summary;
  const verdict = results.runEnd === 'interrupted' ? 'INTERRUPTED' : exitCodeFor(results) === 1 ? 'FAIL' : 'PASS';
  const expectationCounts =
    expectedFailed === undefined
      ? ''
      : `, ${expectedFailed} expected failure(s), ${unexpectedPassed ?? 0} unexpected pass(es)`;
  const paintVerdict = verdict === 'PASS' ? paint('green', verdict) : paint('red', verdict);
  lines.push(
    `${paintVerdict}: ${passed} passed, ${failed} failed (gating)${expectationCounts}, ${tentativeFailed} tentative finding(s), ${skipped} not run; seed ${results.seed}`,
  );
  if (nothingRan(results) && results.runEnd !== 'interrupted')
    lines.push('No check ran to a verdict: a run without checks proves nothing.');
  if (reportFiles.length > 0) lines.push(`Reports: ${reportFiles.join(', ')}`);
  return lines.join('\n');
}
