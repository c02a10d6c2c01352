// The conformance suites' vitest config. Only the runner (`tim-conformance run`) uses it: it
// provides the target (`inject('timTarget')`) and collects the results with its own reporter.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { CHECK_TIMEOUT_MS, SUITE_CONCURRENCY, SUITE_FILE_GLOB, SUITE_WORKERS } from '../test-utils/runner/pool.ts';
import { RateBoundFirstSequencer } from '../test-utils/runner/sequencer.ts';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: [`suites/${SUITE_FILE_GLOB}`],
    pool: 'threads',
    maxWorkers: SUITE_WORKERS,
    isolate: false,
    sequence: { concurrent: true, sequencer: RateBoundFirstSequencer },
    maxConcurrency: SUITE_CONCURRENCY,
    testTimeout: CHECK_TIMEOUT_MS,
    hookTimeout: CHECK_TIMEOUT_MS,
    teardownTimeout: 10_000,
    // The runner decides what an empty run means (it is never a pass).
    passWithNoTests: true,
  },
});
