/**
 * Judging a run against an expectations file, as Web Platform Tests' metadata does: a listed
 * failure is an expected failure (reported, not gating); a failure not listed gates as usual; a
 * listed check that passed is an unexpected pass, which gates (like wptrunner's default
 * fail-on-unexpected-pass) so a fixed deviation cannot hide a later regression: the file must be
 * updated. Listed checks that did not run to a verdict are only reported.
 */
import { summarise, type ResultsFile, type TestEntry } from '../runner/results.ts';
import type { ExpectationsFile } from './load.ts';

/** Suite load errors and run errors are never a target's deviation: they cannot be expected. */
export function isExpectable(id: string): boolean {
  return !id.startsWith('collection/') && !id.startsWith('run/');
}

export function applyExpectations(results: ResultsFile, file: ExpectationsFile, source: string): ResultsFile {
  const reasons = new Map(file.expectations.map((e) => [e.id, e.reason]));
  const reachedVerdict = new Set<string>();
  const tests = results.tests.map((test): TestEntry => {
    const reason = reasons.get(test.id);
    if (reason === undefined || !isExpectable(test.id) || test.status === 'skipped') return test;
    reachedVerdict.add(test.id);
    if (test.status === 'failed') return { ...test, gating: false, expectation: { state: 'expected-failure', reason } };
    return { ...test, expectation: { state: 'unexpected-pass', reason } };
  });
  return {
    ...results,
    summary: summarise(tests, true),
    tests,
    expectations: {
      file: source,
      listed: file.expectations.length,
      notRun: file.expectations.map((e) => e.id).filter((id) => !reachedVerdict.has(id)),
    },
  };
}
