// The conformance suites' vitest config. The runner (`tim-conformance run`) uses it: it provides
// the target (`inject('timTarget')`) and collects the results with its own reporter. Plain vitest
// may use it too (`npx vitest --config suites/vitest.config.ts`, watch mode while writing a
// check): the globalSetup then starts the target the TIM_* variables name, as `run` would.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { CHECK_TIMEOUT_MS, SUITE_CONCURRENCY, SUITE_FILE_GLOB, SUITE_WORKERS } from '../test-utils/runner/pool.ts';
import { RateBoundFirstSequencer } from '../test-utils/runner/sequencer.ts';

// '.ts' from the repository, '.js' from the built package (dist/suites/vitest.config.js).
const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

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
    globalSetup: [fileURLToPath(new URL(`../test-utils/runner/plain-vitest-target${ownExtension}`, import.meta.url))],
    // The runner decides what an empty run means (it is never a pass).
    passWithNoTests: true,
  },
});
