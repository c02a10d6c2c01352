/**
 * Failures grouped by likely cause: checks whose failures share a grouping key
 * (test-utils/check/failure-kinds.ts: for a wrong code, the operation family, the documented
 * codes and the answered one) are one group, largest first. The terminal summary, report.html
 * and report.md all show these groups, so one wrong limit reads as one finding with its check
 * ids rather than fifty failures.
 */
import type { RecordedKind } from '../check/failure-kinds.ts';
import type { TestEntry } from './results.ts';

export interface FailureGroup {
  key: string;
  title: string;
  kind: RecordedKind['kind'];
  /** The failed checks of the group, in results order; the first is the example shown. */
  tests: TestEntry[];
}

/** A failed entry's kind; older results without one count as a check error of their own. */
function kindOf(test: TestEntry): Pick<RecordedKind, 'kind' | 'title' | 'groupKey'> {
  return test.kind ?? { kind: 'check-error', title: 'The check failed', groupKey: `check-error|${test.id}` };
}

export function groupFailures(tests: readonly TestEntry[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const test of tests) {
    const kind = kindOf(test);
    const group = groups.get(kind.groupKey);
    if (group) group.tests.push(test);
    else groups.set(kind.groupKey, { key: kind.groupKey, title: kind.title, kind: kind.kind, tests: [test] });
  }
  return [...groups.values()].sort((a, b) => b.tests.length - a.tests.length);
}

/** The gating failures of a run (what decides its exit code), grouped. */
export function gatingFailureGroups(tests: readonly TestEntry[]): FailureGroup[] {
  return groupFailures(
    tests.filter((t) => t.status === 'failed' && t.gating && t.expectation?.state !== 'expected-failure'),
  );
}
