/**
 * The runner's vitest reporter: at the end of the run it turns every test case (and every
 * suite file that failed to load, and every unhandled error) into a results entry. It prints
 * nothing; the runner prints the summary once the reports are written.
 */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import type { SerializedError } from 'vitest';
import { CODE_ROOT } from '../contract/index.ts';
import type { TimTaskMeta } from '../contract/types.ts';
import { entryFromTest, runErrorEntry, type FinishedTest, type TestEntry } from './results.ts';

export class TimResultsReporter implements Reporter {
  entries: TestEntry[] = [];
  reason: TestRunEndReason | undefined;
  private finished: (() => void) | undefined;
  /** Resolves when onTestRunEnd has run. */
  readonly done: Promise<void>;

  constructor() {
    this.done = new Promise((resolve) => {
      this.finished = resolve;
    });
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const entries: TestEntry[] = [];
    for (const module of testModules) {
      const file = relative(CODE_ROOT, module.moduleId);
      for (const error of module.errors()) {
        entries.push(runErrorEntry(`collection/${file}`, error.message ?? String(error)));
      }
      for (const testCase of module.children.allTests()) {
        if (filteredOut(testCase)) continue;
        entries.push(entryFromTest(finishedTest(testCase, file)));
      }
    }
    unhandledErrors.forEach((error, index) => {
      entries.push(runErrorEntry(`run/unhandled-error-${index + 1}`, error.message ?? String(error)));
    });
    this.entries = entries;
    this.reason = reason;
    this.finished?.();
  }
}

/** Left out by --grep or a file filter: not part of this run, so not in its results. */
function filteredOut(testCase: TestCase): boolean {
  const result = testCase.result();
  if (result.state !== 'skipped' || result.note) return false;
  return testCase.options.mode !== 'run' && !(testCase.meta() as TimTaskMeta).timNotRun;
}

function finishedTest(testCase: TestCase, file: string): FinishedTest {
  const result = testCase.result();
  const meta = testCase.meta() as TimTaskMeta;
  return {
    name: testCase.name,
    file,
    meta,
    state: result.state,
    errors: (result.errors ?? []).map((e) => ({ message: e.message ?? String(e) })),
    skipNote: result.state === 'skipped' ? result.note : undefined,
    durationMs: testCase.diagnostic()?.duration,
  };
}
