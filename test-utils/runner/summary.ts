/**
 * The few lines a person reads after a run: the verdict with its counts, then gating
 * failures, tentative findings and checks not run with their reasons, in that order.
 */
import { exitCodeFor, nothingRan, type ResultsFile, type TestEntry } from './results.ts';

const MAX_LISTED = 50;

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function listed<T>(items: T[], render: (item: T) => string): string[] {
  const lines = items.slice(0, MAX_LISTED).map(render);
  if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more (see results.json)`);
  return lines;
}

function failureBlock(test: TestEntry): string {
  return indent(test.failure?.message ?? test.id, '    ').replace(/^ {4}/, '  ✗ ');
}

export function formatSummary(results: ResultsFile, reportFiles: string[] = []): string {
  const { passed, failed, skipped, tentativeFailed } = results.summary;
  const gatingFailures = results.tests.filter((t) => t.status === 'failed' && t.gating);
  const tentative = results.tests.filter((t) => t.status === 'failed' && !t.gating && !t.expectation);
  const expected = results.tests.filter((t) => t.expectation?.state === 'expected-failure');
  const unexpectedPasses = results.tests.filter((t) => t.expectation?.state === 'unexpected-pass');
  const notRun = results.tests.filter((t) => t.status === 'skipped');
  const lines: string[] = [];

  if (gatingFailures.length > 0) {
    lines.push(`Gating failures (${gatingFailures.length}):`);
    lines.push(...listed(gatingFailures, failureBlock));
    lines.push('');
  }
  if (tentative.length > 0) {
    lines.push(`Tentative findings (${tentative.length}; inferred behaviour, not gating unless --strict):`);
    lines.push(...listed(tentative, (t) => `  ~ ${t.failure?.message.split('\n')[0] ?? t.id}`));
    lines.push('');
  }
  if (unexpectedPasses.length > 0) {
    lines.push(`Unexpected passes (${unexpectedPasses.length}; listed in ${results.expectations?.file ?? 'the expectations file'} but passed, gating: update the file with --update-expectations):`);
    lines.push(...listed(unexpectedPasses, (t) => `  ! ${t.id} (listed: ${t.expectation?.reason ?? ''})`));
    lines.push('');
  }
  if (expected.length > 0) {
    lines.push(`Expected failures (${expected.length}; known deviations listed in ${results.expectations?.file ?? 'the expectations file'}, not gating):`);
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
    lines.push(`Not run (${notRun.length}):`);
    lines.push(...listed(notRun, (t) => `  - ${t.id}: ${t.reason ?? 'skipped'}`));
    lines.push('');
  }
  const { expectedFailed, unexpectedPassed } = results.summary;
  const verdict = results.runEnd === 'interrupted' ? 'INTERRUPTED' : exitCodeFor(results) === 1 ? 'FAIL' : 'PASS';
  const expectationCounts =
    expectedFailed === undefined ? '' : `, ${expectedFailed} expected failure(s), ${unexpectedPassed ?? 0} unexpected pass(es)`;
  lines.push(
    `${verdict}: ${passed} passed, ${failed} failed (gating)${expectationCounts}, ${tentativeFailed} tentative finding(s), ${skipped} not run; seed ${results.seed}`,
  );
  if (nothingRan(results) && results.runEnd !== 'interrupted') lines.push('No check ran to a verdict: a run without checks proves nothing.');
  if (reportFiles.length > 0) lines.push(`Reports: ${reportFiles.join(', ')}`);
  return lines.join('\n');
}
