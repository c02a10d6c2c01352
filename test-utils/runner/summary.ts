/**
 * The few lines a person reads after a run: the verdict with its counts, then gating
 * failures, tentative findings and checks not run with their reasons, in that order.
 */
import { nothingRan, type ResultsFile, type TestEntry } from './results.ts';

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
  const tentative = results.tests.filter((t) => t.status === 'failed' && !t.gating);
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
  if (notRun.length > 0) {
    lines.push(`Not run (${notRun.length}):`);
    lines.push(...listed(notRun, (t) => `  - ${t.id}: ${t.reason ?? 'skipped'}`));
    lines.push('');
  }
  const verdict = results.runEnd === 'interrupted' ? 'INTERRUPTED' : failed > 0 || nothingRan(results) ? 'FAIL' : 'PASS';
  lines.push(
    `${verdict}: ${passed} passed, ${failed} failed (gating), ${tentativeFailed} tentative finding(s), ${skipped} not run; seed ${results.seed}`,
  );
  if (nothingRan(results) && results.runEnd !== 'interrupted') lines.push('No check ran to a verdict: a run without checks proves nothing.');
  if (reportFiles.length > 0) lines.push(`Reports: ${reportFiles.join(', ')}`);
  return lines.join('\n');
}
