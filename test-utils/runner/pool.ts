/**
 * How the suites run in parallel. Threads share one process, so the runner's SIGINT handling
 * covers every worker; isolate: false lets each worker keep one client (one keep-alive pool,
 * one pacing window) across files. Each worker paces to 1/SUITE_WORKERS of the per-API rate;
 * APIs too slow to split go through the run-wide pacing coordinator (test-utils/client).
 */
export const SUITE_WORKERS = 4;
/** Checks of one file that run at once inside a worker (sequence.concurrent). */
export const SUITE_CONCURRENCY = 8;
/** A check may wait out rate windows; the server's own timeout is 3 s a call. */
export const CHECK_TIMEOUT_MS = 60_000;
/**
 * The file pattern of suite files, relative to a suites directory: TypeScript in the repository
 * (and in a user's --suites directory), JavaScript in the built package (dist/suites/).
 */
export const SUITE_FILE_GLOB = '**/*.check.{ts,js}';
